package dev.vigil.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.config.AuditFactory;
import dev.vigil.app.config.ControlsFactory;
import dev.vigil.app.config.CryptoFactory;
import dev.vigil.app.config.DashboardFactory;
import dev.vigil.app.config.DatabaseFactory;
import dev.vigil.app.config.EvidenceFactory;
import dev.vigil.app.config.PrometheusFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/** Vigil's configuration: config.yml, with environment variables substituted into it. */
public final class VigilConfiguration extends Configuration {

  @JsonProperty
  @NotNull
  private String dataDir = "./data";

  @JsonProperty
  private boolean demo = true;

  /** Where report files go; empty: {@code <dataDir>/reports}. Several nodes must share one. */
  @JsonProperty
  private String reportsDir = "";

  @JsonProperty
  @Min(1024)
  @Max(64 * 1024 * 1024)
  private int maxBodyBytes = 2 * 1024 * 1024;

  @JsonProperty
  @Valid
  @NotNull
  private DatabaseFactory database = new DatabaseFactory();

  @JsonProperty
  @Valid
  @NotNull
  private CryptoFactory crypto = new CryptoFactory();

  @JsonProperty
  @Valid
  @NotNull
  private AuditFactory audit = new AuditFactory();

  @JsonProperty
  @Valid
  @NotNull
  private ControlsFactory controls = new ControlsFactory();

  @JsonProperty
  @Valid
  @NotNull
  private EvidenceFactory evidence = new EvidenceFactory();

  @JsonProperty
  @Valid
  @NotNull
  private PrometheusFactory prometheus = new PrometheusFactory();

  @JsonProperty
  @Valid
  @NotNull
  private DashboardFactory dashboard = new DashboardFactory();

  /** A node may leave the sweeps to others only where others share its schedule: PostgreSQL. */
  @JsonIgnore
  @ValidationMethod(message = "controls.sweeps (VIGIL_CONTROL_SWEEPS) may be false only on PostgreSQL (VIGIL_DB_URL),"
      + " where other nodes run the sweeps; on H2 no node would: set it to true")
  public boolean isSweepingSomewhere() {
    return controls == null || database == null || dataDir == null || controls.sweeps()
        || !database.embedded(dataDir());
  }

  public Path dataDir() {
    return Path.of(dataDir);
  }

  public Path reportsDir() {
    return reportsDir == null || reportsDir.isBlank() ? dataDir().resolve("reports") : Path.of(reportsDir);
  }

  public boolean demo() {
    return demo;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public DatabaseFactory database() {
    return database;
  }

  public CryptoFactory crypto() {
    return crypto;
  }

  public AuditFactory audit() {
    return audit;
  }

  public ControlsFactory controls() {
    return controls;
  }

  public EvidenceFactory evidence() {
    return evidence;
  }

  /** The web dashboard's sessions and sign-in throttling. */
  public DashboardFactory dashboard() {
    return dashboard;
  }

  /** The operator's metrics (Dropwizard's own {@code metrics} section configures its reporters). */
  public PrometheusFactory prometheus() {
    return prometheus;
  }
}
