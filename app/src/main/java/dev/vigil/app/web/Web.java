package dev.vigil.app.web;

import dev.vigil.app.config.AuditTrail;
import dev.vigil.app.config.DashboardFactory;
import dev.vigil.app.config.Evidence;
import dev.vigil.app.config.Monitoring;
import dev.vigil.app.config.Reports;
import dev.vigil.app.config.Stores;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.grants.GrantUse;
import dev.vigil.collectors.tenancy.SessionStore;
import dev.vigil.reports.load.IncidentSlas;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import io.dropwizard.views.common.ViewBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * The dashboard's parts: FreeMarker views, the static assets (our CSS, and htmx from its
 * webjar at the version the build resolved), the session store and sign-in throttle, the
 * session filter and the page resources. Registered apart from the API, so none of it is in
 * the OpenAPI description.
 */
public final class Web {

  /** Where the browser finds our CSS and scripts, and htmx. */
  public static final String ASSETS = "/assets/";

  private Web() {}

  /** What has to be added before the configuration is read: the view renderer. */
  public static void initialize(Bootstrap<?> bootstrap) {
    bootstrap.addBundle(new ViewBundle<Object>() {
      @Override
      public Map<String, Map<String, String>> getViewConfiguration(Object configuration) {
        // The templates' ?url encodes the pager's cursors and the audit trail's filter links in
        // UTF-8, as the pages are served; FreeMarker has no charset for it unless told.
        return Map.of("freemarker", Map.of("url_escaping_charset", "UTF-8"));
      }
    });
  }

  public static void register(Environment environment, DashboardFactory config, Jdbi jdbi, Stores stores,
      AuditTrail audit, Monitoring monitoring, Evidence evidence, Reports reports, Ids ids, Clock clock) {
    environment.servlets().addServlet("dashboard-assets",
        new AssetServlet("/web/assets", ASSETS, null, StandardCharsets.UTF_8)).addMapping(ASSETS + "*");
    environment.servlets().addServlet("htmx",
        new AssetServlet(htmxDirectory(), ASSETS + "htmx/", null, StandardCharsets.UTF_8))
        .addMapping(ASSETS + "htmx/*");
    SessionStore sessions = new SessionStore(jdbi, audit.appender(), ids, config.sessionIdle(), config.sessionMaxAge(),
        clock);
    var jersey = environment.jersey();
    jersey.register(SessionFilter.feature(sessions, stores.tenants()));
    jersey.register(new SignInResource(stores.users(), sessions,
        new SignInThrottle(config.signInFailures(), config.signInLockout(), clock)));
    jersey.register(new OverviewResource(monitoring.catalog(), monitoring.queries(), audit.checkpoints(),
        environment.healthChecks(), evidence.kept(), monitoring.sweepsHere(), clock));
    jersey.register(new ControlsResource(monitoring.catalog(), monitoring.queries(),
        monitoring.manualRuns(), stores.exceptions(), stores.users(), clock));
    jersey.register(new FindingsResource(monitoring.catalog(), monitoring.queries(), stores.findings(), stores.grants(),
        stores.users(), clock));
    jersey.register(new AgentsResource(stores.agents(), stores.grants(), stores.tokens(), stores.connections(),
        stores.users(), monitoring.queries(), new GrantUse(jdbi), monitoring.catalog().parameters(), clock));
    jersey.register(new VendorsResource(stores.vendors(), stores.connections(), monitoring.queries(), stores.users(),
        monitoring.catalog().parameters(), clock));
    jersey.register(new ConnectionsResource(stores.connections(), stores.vendors(), stores.grants(), stores.agents(),
        monitoring.queries(), stores.users(), clock));
    jersey.register(new IncidentsResource(stores.incidents(), new IncidentSlas(monitoring.catalog().parameters()),
        monitoring.queries(), stores.users(), clock));
    jersey.register(new SearchResource(evidence.index(), monitoring.catalog(), stores.agents(), stores.connections()));
    jersey.register(new ReportsResource(reports.store(), reports.jobs(), stores.users(), clock));
    jersey.register(new AuditTrailResource(audit.log(), audit.checkpoints(), audit.exporter(), stores.users(), clock));
  }

  /** The htmx webjar's {@code dist} directory, at the version on the class path (one place: the pom). */
  static String htmxDirectory() {
    Properties p = new Properties();
    try (InputStream in = Web.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
      if (in == null) throw new IllegalStateException("the htmx webjar is not on the class path");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/META-INF/resources/webjars/htmx.org/" + p.getProperty("version") + "/dist";
  }
}
