package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.config.DatabaseFactory.Database;
import dev.vigil.app.health.SchedulerHealthCheck;
import dev.vigil.app.jobs.ManagedService;
import dev.vigil.app.metrics.ControlMetrics;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.collectors.alerts.Alert;
import dev.vigil.collectors.alerts.AlertDispatcher;
import dev.vigil.collectors.alerts.RetryPolicy;
import dev.vigil.collectors.alerts.Webhook;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.monitoring.ChangeTriggers;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlScheduler;
import dev.vigil.collectors.monitoring.FindingSla;
import dev.vigil.collectors.monitoring.ManualRuns;
import dev.vigil.collectors.monitoring.Sweeper;
import dev.vigil.collectors.monitoring.SweepingNodes;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Parameter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Continuous controls: each family's schedule, the catalog's parameters, how quickly a change
 * re-runs what it affects, and the webhooks that hear of status changes.
 */
public final class ControlsFactory {

  /** Seconds between scheduled sweeps, per family (least-privilege, encryption, logging, vendors, incidents). */
  @JsonProperty
  @NotNull
  private Map<String, Integer> scheduleSeconds = new LinkedHashMap<>(Map.of(
      "least-privilege", 300, "encryption", 300, "logging", 300, "vendors", 300, "incidents", 300));

  /**
   * How long a change waits for others to join it before the affected controls run. None by
   * default: a change runs at once, and the changes that come while it runs join the next run.
   */
  @JsonProperty
  @Min(0)
  @Max(60_000)
  private int changeDebounceMillis = 0;

  /**
   * Whether this node runs the scheduled sweeps. On PostgreSQL the nodes share the schedule, so
   * a node that answers decisions can leave the sweeps, and their bursts of work, to the others;
   * changes made through it still re-run what they affect here.
   */
  @JsonProperty
  private boolean sweeps = true;

  /** Seconds between a clustered node's check-ins (PostgreSQL only). */
  @JsonProperty
  @Min(1)
  @Max(600)
  private int clusterCheckinSeconds = 5;

  @JsonProperty
  @Valid
  @NotNull
  private Parameters parameters = new Parameters();

  @JsonProperty
  @Valid
  @NotNull
  private List<WebhookFactory> webhooks = new ArrayList<>();

  @JsonProperty
  @Min(1)
  @Max(20)
  private int alertAttempts = 6;

  /**
   * Days from a finding's opening to its due date, per severity (critical, high, medium, low);
   * a severity not named keeps its default ({@link FindingSla#DEFAULT}).
   */
  @JsonProperty
  @NotNull
  private Map<String, Integer> findingDueDays = new LinkedHashMap<>();

  /**
   * The catalog's parameters, under the names its controls declare, each at its declared
   * default unless config.yml sets it. A name no control declares, or a value below its
   * minimum, fails the configuration at that key.
   */
  public static final class Parameters {
    private static final List<Parameter<?>> DECLARED = Catalog.parametersOf(Catalog.standard());

    private ControlParameters values = ControlParameters.defaults();

    @JsonAnySetter
    void set(String name, Object value) {
      Parameter<?> parameter = DECLARED.stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(name + " is not a parameter of the catalog; use "
              + DECLARED.stream().map(Parameter::name).collect(Collectors.joining(", "))));
      values = with(values, parameter, value);
    }

    private static <T> ControlParameters with(ControlParameters values, Parameter<T> parameter, Object value) {
      return values.with(parameter, parameter.read(value));
    }

    ControlParameters build() {
      return values;
    }
  }

  /** A webhook: where status changes go, and the secret that signs them (HMAC-SHA256). */
  public static final class WebhookFactory {
    @JsonProperty @NotBlank @Pattern(regexp = "https?://.+", message = "must be an http or https URL")
    private String url;
    @JsonProperty @NotNull @Size(min = Webhook.MIN_SECRET, message = "must be at least {min} characters")
    private String secret;

    Webhook build() {
      return new Webhook(url, secret);
    }
  }

  public ControlParameters parameters() {
    return parameters.build();
  }

  /** Each family's interval; every family must be named once. */
  public Map<Family, Duration> schedules() {
    Map<Family, Duration> map = new EnumMap<>(Family.class);
    scheduleSeconds.forEach((family, seconds) -> {
      if (seconds == null || seconds < 1) {
        throw new IllegalArgumentException("controls.scheduleSeconds." + family + " must be at least 1");
      }
      map.put(Family.of(family), Duration.ofSeconds(seconds));
    });
    for (Family f : Family.values()) {
      if (!map.containsKey(f)) throw new IllegalArgumentException("controls.scheduleSeconds lacks " + f.wire());
    }
    return map;
  }

  /** When findings are due: the defaults with {@code findingDueDays} over them. */
  public FindingSla findingSla() {
    Map<FindingSeverity, Duration> due = new EnumMap<>(FindingSla.DEFAULT.due());
    findingDueDays.forEach((severity, days) -> {
      FindingSeverity s = FindingSeverity.ofWire(severity);
      if (s == null) {
        throw new IllegalArgumentException("controls.findingDueDays." + severity
            + " is not a severity; use critical, high, medium or low");
      }
      if (days == null || days < 1) {
        throw new IllegalArgumentException("controls.findingDueDays." + severity + " must be at least 1");
      }
      due.put(s, Duration.ofDays(days));
    });
    return new FindingSla(due);
  }

  public Duration changeDebounce() {
    return Duration.ofMillis(changeDebounceMillis);
  }

  public boolean sweeps() {
    return sweeps;
  }

  public Duration clusterCheckin() {
    return Duration.ofSeconds(clusterCheckinSeconds);
  }

  public List<Webhook> webhooks() {
    return webhooks.stream().map(WebhookFactory::build).toList();
  }

  public RetryPolicy retryPolicy() {
    RetryPolicy d = RetryPolicy.defaults();
    return new RetryPolicy(alertAttempts, d.firstDelay(), d.maxDelay(), d.timeout());
  }

  /**
   * How many change-triggered runs may go at once. Two: a costly run (AC-3 aggregates a
   * tenant's usage) leaves a thread for the cheap ones, and however many changes arrive, their
   * runs hold at most two of the pool's connections, leaving the rest to the API.
   */
  private static final int CHANGE_RUN_THREADS = 2;

  /**
   * Sets the controls running: on each family's schedule (Quartz, clustered on PostgreSQL), on
   * every change the audit trail hears, and on demand through the returned runner; status
   * changes go to the webhooks. Registers their lifecycle (started alerts first, stopped
   * schedule first, so that nothing runs after what it feeds has stopped) and the
   * {@code scheduler} health check. {@code metrics} hears of every run, misfire and alert
   * delivery, and counts the open findings at each scrape.
   */
  public Monitoring build(Environment environment, Database database, AuditTrail audit,
      ConnectionStore connections, ServiceMetrics metrics, Ids ids, Clock clock) {
    AlertDispatcher alerts = new AlertDispatcher(database.jdbi(), webhooks(), retryPolicy(), ids, clock,
        metrics.deliveries());
    ControlRuns runs = ControlRuns.build(parameters(), findingSla(), schedules(), database.jdbi(), audit.appender(),
        audit.log(), audit.signer(), connections, ids, (control, outcome) -> alerts.send(Alert.of(control, outcome)),
        metrics.controls(), clock);
    ChangeTriggers triggers = new ChangeTriggers(runs.runner(), runs.catalog(), changeDebounce(),
        CHANGE_RUN_THREADS, clock);
    audit.listeners().add(triggers);
    Optional<ControlScheduler> scheduler = sweeps ? Optional.of(scheduler(database, runs, metrics.controls(), clock))
        : Optional.empty();
    environment.lifecycle().manage(new ManagedService(alerts::start, alerts));
    environment.lifecycle().manage(new AutoCloseableManager(triggers));
    scheduler.ifPresent(s -> environment.lifecycle().manage(new ManagedService(s::start, s)));
    environment.healthChecks().register("scheduler",
        new SchedulerHealthCheck(audit.checkpointSchedule(), scheduler,
            new SweepingNodes(database.jdbi(), clusterCheckin(), clock)::live));
    ControlQueries queries = new ControlQueries(database.jdbi());
    metrics.controls().catalog(runs.catalog().ids(),
        queries::openFindingsByControl);
    return new Monitoring(runs.catalog(), runs.runner(), queries,
        new ManualRuns(runs.runner(), database.jdbi(), audit.appender()), sweeps());
  }

  /** Sweeps each family on its schedule; on PostgreSQL the nodes share the schedule through the database. */
  private ControlScheduler scheduler(Database database, ControlRuns runs, ControlMetrics metrics, Clock clock) {
    String node = ManagementFactory.getRuntimeMXBean().getName();
    Sweeper sweeper = new Sweeper(database.jdbi(), runs.catalog(), runs.loader(), runs.runner(), node, clock);
    return new ControlScheduler(sweeper, schedules(),
        database.embedded() ? Optional.empty() : Optional.of(database.dataSource()), node, clusterCheckin(), metrics);
  }
}
