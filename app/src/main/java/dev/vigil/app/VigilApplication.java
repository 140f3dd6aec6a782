package dev.vigil.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.vigil.app.cli.CommandFailed;
import dev.vigil.app.cli.MasterKeyCommand;
import dev.vigil.app.cli.ReindexCommand;
import dev.vigil.app.cli.ReportCommand;
import dev.vigil.app.cli.TenantCreateCommand;
import dev.vigil.app.cli.TokenCreateCommand;
import dev.vigil.app.cli.UsageRebuildCommand;
import dev.vigil.app.cli.VerifyCommand;
import dev.vigil.app.config.AuditTrail;
import dev.vigil.app.config.DatabaseFactory.Database;
import dev.vigil.app.config.Evidence;
import dev.vigil.app.config.Monitoring;
import dev.vigil.app.config.NodeName;
import dev.vigil.app.config.Reports;
import dev.vigil.app.config.Stores;
import dev.vigil.app.demo.DemoSeeder;
import dev.vigil.app.http.JsonErrorHandler;
import dev.vigil.app.http.SecurityHeadersFilter;
import dev.vigil.app.http.TextDeserializer;
import dev.vigil.app.http.UtcInstantDeserializer;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.app.web.Web;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.migrations.MigrationsBundle;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vigil service. {@link #run} lists its subsystems in the order they depend on each other;
 * each is built by its own factory, which registers its lifecycle and health checks.
 */
public final class VigilApplication extends Application<VigilConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(VigilApplication.class);

  /** What the server tells its starter; set when the server command runs. */
  private volatile StartupNotice notice;

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
    Web.initialize(bootstrap);
    bootstrap.addCommand(new TenantCreateCommand());
    bootstrap.addCommand(new TokenCreateCommand());
    bootstrap.addCommand(new VerifyCommand());
    bootstrap.addCommand(new ReindexCommand());
    bootstrap.addCommand(new UsageRebuildCommand());
    bootstrap.addCommand(new ReportCommand());
    bootstrap.addCommand(new MasterKeyCommand());
  }

  /** The server command, whose failed start is explained once, last (see {@link StartingServer}). */
  @Override
  protected void addDefaultCommands(Bootstrap<VigilConfiguration> bootstrap) {
    bootstrap.addCommand(new StartingServer(this, () -> Optional.ofNullable(notice)));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  /** A command that failed exits with its own code (README, "Operations"); anything else with 1. */
  @Override
  protected void onFatalError(Throwable t) {
    System.exit(t instanceof CommandFailed f ? f.exitCode() : 1);
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
    // Every string and every time of every body passes these (docs/api.md, "Errors").
    json.registerModule(new SimpleModule("vigil-values").addDeserializer(String.class, new TextDeserializer())
        .addDeserializer(Instant.class, new UtcInstantDeserializer()));
  }

  @Override
  public void run(VigilConfiguration config, Environment environment) {
    configureJson(environment.getObjectMapper());
    securityHeaders(environment);
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    Ids ids = new Ids(clock);
    ServiceMetrics metrics = config.prometheus().build(environment);
    Database database = config.database().build(environment, config.dataDir());
    MasterKey masterKey = config.crypto().build(config.dataDir());
    AuditTrail audit = config.audit().build(environment, database, masterKey, metrics, ids, clock);
    Stores stores = Stores.build(database.jdbi(), audit, masterKey, config.audit().leaseTtl(),
        config.audit().decisionViewEntries(), ids, clock);
    Monitoring monitoring = config.controls().build(environment, database, audit, stores.connections(), metrics, ids,
        clock);
    Evidence evidence = config.evidence().build(environment, config.dataDir(), database, audit, stores, monitoring,
        metrics, clock);
    Reports reports = Reports.build(environment, config.reportsDir(), NodeName.of(config.dataDir()), database.jdbi(),
        audit, masterKey,
        monitoring.catalog(), config.controls().schedules(), ids, clock);
    Api.register(environment, config.maxBodyBytes(), stores, audit, monitoring, evidence, reports, metrics,
        clock);
    Web.register(environment, config.dashboard(), database.jdbi(), stores, audit, monitoring, evidence, reports, ids,
        clock);
    notice = new StartupNotice(port(config, true), port(config, false), System.out);
    environment.lifecycle().addEventListener(notice);
    seedOrHint(config, database, masterKey, stores, clock, notice);
  }

  /**
   * The headers every response carries, on both ports, and JSON bodies for the errors Jetty
   * answers itself (docs/api.md, "Errors").
   */
  private static void securityHeaders(Environment environment) {
    environment.servlets().addFilter("security-headers", new SecurityHeadersFilter())
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
    environment.admin().addFilter("security-headers", new SecurityHeadersFilter())
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
    environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
    environment.getAdminContext().setErrorHandler(new JsonErrorHandler());
    environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
  }

  /**
   * Seeds the demo tenant into an empty database (saying how to sign in once the server is up),
   * or says how to create one.
   */
  private static void seedOrHint(VigilConfiguration config, Database database, MasterKey masterKey, Stores s,
      Clock clock, StartupNotice notice) {
    if (config.demo()) {
      new DemoSeeder(database.jdbi(), masterKey, config.controls().parameters(), config.controls().findingSla(),
          config.audit().leaseTtl(), clock)
          .seedIfEmpty(port(config, true)).ifPresent(notice::demoSeeded);
    } else if (s.tenants().count() == 0) {
      LOG.warn("The database has no tenant yet. Create one, with its first admin token: "
          + "java -jar app/target/vigil.jar tenant-create --name NAME config.yml");
    }
  }

  /** The first application (or admin) connector's port, as configured; -1 if it has none. */
  private static int port(VigilConfiguration config, boolean application) {
    if (config.getServerFactory() instanceof DefaultServerFactory server) {
      var connectors = application ? server.getApplicationConnectors() : server.getAdminConnectors();
      if (!connectors.isEmpty() && connectors.get(0) instanceof HttpConnectorFactory http) return http.getPort();
    }
    return -1;
  }
}
