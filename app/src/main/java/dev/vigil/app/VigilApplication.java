package dev.vigil.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.vigil.app.auth.BearerTokenFilter;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.JsonUnauthorizedHandler;
import dev.vigil.app.auth.RoleAuthorizer;
import dev.vigil.app.auth.TokenAuthenticator;
import dev.vigil.app.cli.TenantCreateCommand;
import dev.vigil.app.cli.VerifyCommand;
import dev.vigil.app.config.ControlsFactory;
import dev.vigil.app.config.DatabaseFactory;
import dev.vigil.app.demo.DemoSeeder;
import dev.vigil.app.health.KeysHealthCheck;
import dev.vigil.app.health.SchedulerHealthCheck;
import dev.vigil.app.http.BodyLimitFilter;
import dev.vigil.app.http.JsonMapper;
import dev.vigil.app.http.RejectedMapper;
import dev.vigil.app.http.RequestLogFilter;
import dev.vigil.app.http.UnexpectedMapper;
import dev.vigil.app.http.ValidationMapper;
import dev.vigil.app.http.WebApplicationMapper;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.app.resources.AccessReviewResource;
import dev.vigil.app.resources.AgentResource;
import dev.vigil.app.resources.AuditResource;
import dev.vigil.app.resources.ConnectionResource;
import dev.vigil.app.resources.ControlResource;
import dev.vigil.app.resources.DecisionResource;
import dev.vigil.app.resources.EventResource;
import dev.vigil.app.resources.ExceptionResource;
import dev.vigil.app.resources.FindingResource;
import dev.vigil.app.resources.GrantResource;
import dev.vigil.app.resources.IncidentResource;
import dev.vigil.app.resources.KeyResource;
import dev.vigil.app.resources.TokenResource;
import dev.vigil.app.resources.UserResource;
import dev.vigil.app.resources.VendorResource;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.alerts.Alert;
import dev.vigil.collectors.alerts.AlertDispatcher;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ChangeTriggers;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.ControlScheduler;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.collectors.monitoring.Sweeper;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Family;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Vigil service. Everything is wired by hand in {@link #run}. */
public final class VigilApplication extends Application<VigilConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(VigilApplication.class);

  public static void main(String[] args) throws Exception {
    new VigilApplication().run(args);
  }

  @Override
  public String getName() {
    return "vigil";
  }

  @Override
  public void initialize(Bootstrap<VigilConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addBundle(new MigrationsBundle<>() {
      @Override
      public PooledDataSourceFactory getDataSourceFactory(VigilConfiguration config) {
        return config.database().dataSourceFactory(config.dataDir());
      }
    });
    bootstrap.addCommand(new TenantCreateCommand());
    bootstrap.addCommand(new VerifyCommand());
  }

  /**
   * Strict JSON for request bodies: unknown fields and wrong types are errors, never silently
   * coerced. Applied in run(), after config.yml (whose overrides arrive as strings) is parsed.
   */
  static void configureJson(ObjectMapper json) {
    json.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    json.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    json.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    json.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    json.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    json.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    json.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }

  @Override
  public void run(VigilConfiguration config, Environment environment) {
    configureJson(environment.getObjectMapper());
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    DatabaseFactory.Database database = config.database().build(environment, config.dataDir());
    Jdbi jdbi = database.jdbi();

    Ids ids = new Ids(clock);
    AuditListeners auditListeners = new AuditListeners();
    AuditAppender audit = new AuditAppender(clock, auditListeners);
    TokenStore tokens = new TokenStore(jdbi, audit, ids, new TokenSecrets(), clock);
    TenantStore tenants = new TenantStore(jdbi, audit, tokens, ids, clock);
    UserStore users = new UserStore(jdbi, audit, ids, new PasswordHasher(), clock);
    AgentStore agents = new AgentStore(jdbi, audit, tokens, ids, clock);
    MasterKey masterKey = config.crypto().build(config.dataDir());
    TenantKeysets keysets = new TenantKeysets(jdbi, masterKey, audit, clock);
    VendorStore vendors = new VendorStore(jdbi, audit, ids, clock);
    ConnectionStore connections = new ConnectionStore(jdbi, audit, keysets, new CredentialVault(), ids, clock);
    GrantStore grants = new GrantStore(jdbi, audit, ids, clock);
    ExceptionStore exceptions = new ExceptionStore(jdbi, audit, ids, clock);
    IncidentStore incidents = new IncidentStore(jdbi, audit, ids, clock);
    AuditLog auditLog = new AuditLog(jdbi);
    AppendPipeline pipeline = config.audit().buildPipeline(environment, jdbi, audit, database.embedded());
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, masterKey, clock);
    CheckpointStore checkpoints = new CheckpointStore(jdbi, signer, clock);
    CheckpointScheduler scheduler = new CheckpointScheduler(checkpoints, config.audit().checkpointInterval(), clock);
    environment.lifecycle().manage(scheduler);
    environment.healthChecks().register("keys", new KeysHealthCheck(masterKey, signer));
    DecisionStore decisions = new DecisionStore(jdbi, pipeline, connections, ids, clock, config.audit().leaseTtl());
    EventStore events = new EventStore(jdbi, pipeline, clock);

    ControlsFactory controlsConfig = config.controls();
    Catalog catalog = new Catalog(controlsConfig.parameters());
    Map<Family, Duration> schedules = controlsConfig.schedules();
    SnapshotLoader loader = new SnapshotLoader(jdbi, connections, auditLog, signer.publicKey(),
        catalog.parameters(), schedules);
    AlertDispatcher alerts = new AlertDispatcher(jdbi, controlsConfig.webhooks(), controlsConfig.retryPolicy(),
        ids, clock);
    ControlRunner runner = new ControlRunner(loader, new RunRecorder(jdbi, audit, ids),
        (control, outcome) -> alerts.send(new Alert(outcome.run().tenantId(), control.id(), control.info().title(),
            outcome.previous().wire(), outcome.status().wire(), outcome.run().id(), outcome.run().finishedAt(),
            outcome.openFindings(), outcome.run().exceptionCount())),
        clock);
    ChangeTriggers triggers = new ChangeTriggers(runner, catalog, controlsConfig.changeDebounce(), 2, clock);
    auditListeners.add(triggers);
    String node = ManagementFactory.getRuntimeMXBean().getName();
    ControlScheduler controlScheduler = new ControlScheduler(
        new Sweeper(jdbi, catalog, loader, runner, node, clock), schedules,
        database.embedded() ? Optional.empty() : Optional.of(database.dataSource()), node,
        controlsConfig.clusterCheckin());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void start() throws Exception {
        alerts.start();
        controlScheduler.start();
      }

      @Override
      public void stop() throws Exception {
        controlScheduler.close();
        triggers.close();
        alerts.close();
      }
    });
    environment.healthChecks().register("scheduler", new SchedulerHealthCheck(scheduler, controlScheduler));

    var jersey = environment.jersey();
    jersey.register(new AuthDynamicFeature(new BearerTokenFilter.Builder()
        .setAuthenticator(new TokenAuthenticator(tokens))
        .setAuthorizer(new RoleAuthorizer())
        .setUnauthorizedHandler(new JsonUnauthorizedHandler())
        .setPrefix("Bearer")
        .setRealm("vigil")
        .buildAuthFilter()));
    jersey.register(RolesAllowedDynamicFeature.class);
    jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    jersey.register(new BodyLimitFilter(config.maxBodyBytes()));
    jersey.register(new RequestLogFilter());
    jersey.register(new RejectedMapper());
    jersey.register(new ValidationMapper());
    jersey.register(new JsonMapper());
    jersey.register(new WebApplicationMapper());
    jersey.register(new UnexpectedMapper());

    jersey.register(new TokenResource(tokens));
    jersey.register(new UserResource(users));
    jersey.register(new AgentResource(agents));
    jersey.register(new AuditResource(auditLog, checkpoints, new Exporter(auditLog, checkpoints, clock)));
    jersey.register(new DecisionResource(decisions));
    jersey.register(new EventResource(events));
    jersey.register(new VendorResource(vendors));
    jersey.register(new ConnectionResource(connections, decisions));
    jersey.register(new KeyResource(keysets, connections));
    jersey.register(new GrantResource(grants));
    jersey.register(new AccessReviewResource(grants));
    jersey.register(new ExceptionResource(exceptions));
    jersey.register(new IncidentResource(incidents));
    ControlQueries controlQueries = new ControlQueries(jdbi);
    jersey.register(new ControlResource(catalog, controlQueries, runner));
    jersey.register(new FindingResource(catalog, controlQueries));

    if (!config.demo() && tenants.count() == 0) {
      LOG.warn("The database has no tenant yet. Create one, with its first admin token: "
          + "java -jar app/target/vigil.jar tenant-create --name NAME config.yml");
    }
    if (config.demo()) {
      new DemoSeeder(new DemoSeeder.Stores(tenants, users, agents, vendors, connections, grants, incidents),
          clock, System.out).seedIfEmpty(httpPort(config));
    }
  }

  private static int httpPort(VigilConfiguration config) {
    if (config.getServerFactory() instanceof DefaultServerFactory server
        && !server.getApplicationConnectors().isEmpty()
        && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
      return http.getPort();
    }
    return 8080;
  }
}
