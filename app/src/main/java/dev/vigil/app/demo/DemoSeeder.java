package dev.vigil.app.demo;

import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.ReplayClock;
import dev.vigil.collectors.monitoring.FindingSla;
import dev.vigil.controls.catalog.ControlParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Seeds the demo tenant "Acme Robotics" into an empty database and says, once, how to use it
 * (the caller prints that when the server is up: a token printed before a failed start would
 * be lost with it). The tenant comes with {@link #HISTORY} of history ({@link DemoStory}), replayed through
 * the service's own stores and controls, so that its trail, control runs, findings and a Type
 * II report for the last 90 days say something. A database with any tenant is left alone.
 */
public final class DemoSeeder {

  /** How far back the story starts: a 90-day report then covers a whole period, after set-up. */
  static final Duration HISTORY = Duration.ofDays(95);

  /**
   * The history's sweep interval. Live sweeps come every few minutes; replaying months of them
   * (each re-hashing the whole chain for LG-1) would keep a first start waiting for minutes, so
   * the history records, and reports judge it by, a daily sweep. Changes still run the
   * controls they affect at once, as they do live, so a deviation starts when it happened.
   */
  static final Duration SWEEP_EVERY = Duration.ofDays(1);

  private final Jdbi jdbi;
  private final MasterKey masterKey;
  private final ControlParameters parameters;
  private final FindingSla sla;
  private final Duration leaseTtl;
  private final Clock clock;

  /** What to tell the user once the server is up: the demo's tenant, admin token and password. */
  public record Welcome(String tenantId, String text) {
    @Override
    public String toString() {
      return "Welcome[" + tenantId + "]"; // the text holds secrets
    }
  }

  /**
   * @param parameters the controls' parameters as the service is configured, by which the
   *     history's runs judge
   * @param leaseTtl the credential lease term, as the service is configured
   */
  public DemoSeeder(Jdbi jdbi, MasterKey masterKey, ControlParameters parameters, FindingSla sla, Duration leaseTtl,
      Clock clock) {
    this.jdbi = jdbi;
    this.masterKey = masterKey;
    this.parameters = parameters;
    this.sla = sla;
    this.leaseTtl = leaseTtl;
    this.clock = clock;
  }

  /** Seeds, and says how to sign in; empty when the database had tenants, which are left alone. */
  public Optional<Welcome> seedIfEmpty(int httpPort) {
    Instant end = clock.instant();
    Instant day0 = end.minus(HISTORY).truncatedTo(ChronoUnit.DAYS);
    ReplayClock replay = new ReplayClock(day0);
    try (DemoWorld world = DemoWorld.on(jdbi, masterKey, parameters, sla, leaseTtl, SWEEP_EVERY, replay)) {
      if (world.stores().tenants().count() > 0) return Optional.empty();
      boolean h2 = isH2();
      // The story commits once per change and per control run, thousands of times. The embedded H2 writes its file at every
      // commit (WRITE_DELAY=0, which durability needs once a user waits on an answer); during
      // the seed nobody does, so its file is written in the background and flushed once at the
      // end. A crash mid-seed loses only the seed, which no answer acknowledged.
      if (h2) jdbi.useHandle(h -> h.execute("SET WRITE_DELAY 500"));
      DemoStory.Told told;
      try {
        told = new DemoStory(world, replay, day0, end).tell();
      } finally {
        if (h2) jdbi.useHandle(h -> {
          h.execute("SET WRITE_DELAY 0");
          h.execute("CHECKPOINT SYNC");
        });
      }
      return Optional.of(new Welcome(told.created().tenant().id(), welcome(told, httpPort)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding the demo", e);
    }
  }

  private boolean isH2() {
    try {
      return jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName()).equals("H2");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot tell the database's kind", e);
    }
  }

  private static String welcome(DemoStory.Told told, int httpPort) {
    String t = told.created().tenant().id();
    String token = told.created().adminToken().secret();
    return String.join(System.lineSeparator(),
        "",
        "==================================================================",
        " Vigil demo data created: tenant \"Acme Robotics\" (" + t + "),",
        " with " + HISTORY.toDays() + " days of history",
        "",
        " Admin API token (shown once, keep it):",
        "   " + token,
        " Try it:",
        "   curl -H 'Authorization: Bearer " + token + "' \\",
        "        http://localhost:" + httpPort + "/api/v1/agents",
        "",
        " Dashboard: http://localhost:" + httpPort + "/",
        "   sign in as admin@acme.example, password: " + told.password(),
        " More tenants: java -jar app/target/vigil.jar tenant-create --name NAME config.yml",
        "==================================================================",
        "");
  }
}
