package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.Family;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, run as a managed object: one repeating trigger per control family. With a
 * {@code clusterStore} (PostgreSQL) Quartz keeps its jobs in the shared database and runs
 * clustered, so several Vigil instances run each scheduled sweep once between them; without
 * one (H2, a single node) it keeps them in memory. A missed moment (the service was down) is
 * skipped, not caught up, so LG-3 sees the gap. Jobs are built by a job factory that hands
 * them the {@link Sweeper}: no static state.
 */
public final class ControlScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlScheduler.class);
  private static final String GROUP = "vigil-controls";
  /** The name every clustered node's scheduler shares, under which Quartz records their check-ins. */
  public static final String CLUSTER_NAME = "vigil";
  /** How many family sweeps a node runs at once, each family a job of its own (the bench runs as many). */
  public static final int THREADS = 2;

  private final Scheduler scheduler;
  private final Map<Family, Duration> schedules;

  /**
   * @param clusterStore the shared database whose {@code qrtz_} tables hold the cluster's jobs
   * @param instanceId this node's unique name in the cluster
   */
  public ControlScheduler(Sweeper sweeper, Map<Family, Duration> schedules, Optional<DataSource> clusterStore,
      String instanceId, Duration clusterCheckin) {
    this(sweeper, schedules, clusterStore, instanceId, clusterCheckin, family -> { });
  }

  /**
   * A scheduler that tells {@code misfires} of each family sweep that missed its moment by
   * more than the misfire threshold (the node was down or its threads busy); it must return at
   * once and not throw.
   */
  public ControlScheduler(Sweeper sweeper, Map<Family, Duration> schedules, Optional<DataSource> clusterStore,
      String instanceId, Duration clusterCheckin, Consumer<Family> misfires) {
    this.schedules = Map.copyOf(schedules);
    // Clustered nodes must share a scheduler name; a lone in-memory scheduler gets its own, so
    // that several services in one JVM (tests) never share one through Quartz's registry.
    String name = clusterStore.isPresent() ? CLUSTER_NAME : "vigil-" + instanceId;
    if (SchedulerRepository.getInstance().lookup(name) != null) {
      throw new IllegalStateException("a control scheduler named " + name + " already runs in this JVM");
    }
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
    if (clusterStore.isPresent()) {
      // Quartz finds data sources by name in its connection manager; each scheduler gets its own.
      String source = "vigil-" + UUID.randomUUID();
      DBConnectionManager.getInstance().addConnectionProvider(source, new Provider(clusterStore.get()));
      p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
      p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
      p.setProperty("org.quartz.jobStore.dataSource", source);
      p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
      p.setProperty("org.quartz.jobStore.isClustered", "true");
      p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(clusterCheckin.toMillis()));
    } else {
      p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    }
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.setJobFactory((bundle, s) -> new FamilySweepJob(sweeper));
      scheduler.getListenerManager().addTriggerListener(new Misfires(misfires),
          GroupMatcher.triggerGroupEquals(GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the control scheduler", e);
    }
  }

  /** Schedules each family (keeping a clustered trigger whose interval is unchanged) and starts. */
  public void start() throws SchedulerException {
    for (Map.Entry<Family, Duration> s : schedules.entrySet()) {
      String family = s.getKey().wire();
      JobDetail job = JobBuilder.newJob(FamilySweepJob.class).withIdentity(family, GROUP)
          .usingJobData("family", family).storeDurably().requestRecovery().build();
      long interval = s.getValue().toMillis();
      Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(family, GROUP));
      JobDetail stored = scheduler.getJobDetail(job.getKey());
      if (existing instanceof SimpleTrigger t && t.getRepeatInterval() == interval
          && stored != null && stored.requestsRecovery()) {
        continue;
      }
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(family, GROUP).forJob(job)
          .startAt(Date.from(Instant.now().plus(firstDelay(s.getValue()))))
          .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval)
              .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
          .build();
      scheduler.scheduleJob(job, Set.of(trigger), true);
      LOG.info("controls of family {} run every {}", family, s.getValue());
    }
    scheduler.start();
  }

  /** The first sweep comes soon after start (a fresh node shows every status within moments). */
  private static Duration firstDelay(Duration interval) {
    Duration soon = Duration.ofSeconds(10);
    return interval.compareTo(soon) < 0 ? interval : soon;
  }

  public boolean isRunning() {
    try {
      return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** The scheduled family jobs this scheduler knows of (for health). */
  public int jobs() throws SchedulerException {
    return scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).size();
  }

  @Override
  public void close() throws SchedulerException {
    scheduler.shutdown(true);
  }

  /**
   * The Quartz job of one family's sweep. One at a time per family across the cluster. It asks
   * for recovery: when a node dies mid-sweep, another node's Quartz notices the missed check-in
   * and fires it again for the same scheduled moment, and the sweeper finishes what is left.
   */
  @DisallowConcurrentExecution
  static final class FamilySweepJob implements Job {
    private final Sweeper sweeper;

    FamilySweepJob(Sweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void execute(JobExecutionContext context) {
      Family family = Family.of(context.getJobDetail().getJobDataMap().getString("family"));
      if (context.isRecovering()) {
        // A recovery trigger fires now; the moment the dead node was sweeping is in its data.
        long moment = Long.parseLong(context.getTrigger().getJobDataMap()
            .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS));
        sweeper.resume(family, Instant.ofEpochMilli(moment));
      } else {
        sweeper.sweep(family, context.getScheduledFireTime().toInstant());
      }
    }
  }

  /** Passes on Quartz's misfires of the family triggers; the trigger's name is its family. */
  private static final class Misfires extends TriggerListenerSupport {
    private final Consumer<Family> listener;

    Misfires(Consumer<Family> listener) {
      this.listener = listener;
    }

    @Override
    public String getName() {
      return "vigil-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
      listener.accept(Family.of(trigger.getKey().getName()));
    }
  }

  /** Hands Quartz connections from Vigil's own pool. */
  private record Provider(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // the pool belongs to the service
    }

    @Override
    public void initialize() {
      // nothing to set up
    }
  }
}
