package dev.vigil.app;

import dev.vigil.app.auth.BearerTokenFilter;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.JsonUnauthorizedHandler;
import dev.vigil.app.auth.RoleAuthorizer;
import dev.vigil.app.auth.TokenAuthenticator;
import dev.vigil.app.config.AuditTrail;
import dev.vigil.app.config.Evidence;
import dev.vigil.app.config.Monitoring;
import dev.vigil.app.config.Reports;
import dev.vigil.app.config.Stores;
import dev.vigil.app.http.BodyLimitFilter;
import dev.vigil.app.http.JsonMapper;
import dev.vigil.app.http.QueryTokenFilter;
import dev.vigil.app.http.RejectedMapper;
import dev.vigil.app.http.RequestLog;
import dev.vigil.app.http.RequestLogFilter;
import dev.vigil.app.http.StrictQueryFeature;
import dev.vigil.app.http.TextParamFilter;
import dev.vigil.app.http.UnexpectedMapper;
import dev.vigil.app.http.ValidationMapper;
import dev.vigil.app.http.WebApplicationMapper;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.app.openapi.OpenApiResource;
import dev.vigil.app.resources.AccessReviewResource;
import dev.vigil.app.resources.AgentResource;
import dev.vigil.app.resources.AuditResource;
import dev.vigil.app.resources.AuthorizeFastPath;
import dev.vigil.app.resources.ConnectionResource;
import dev.vigil.app.resources.ControlResource;
import dev.vigil.app.resources.DecisionResource;
import dev.vigil.app.resources.EvidenceResource;
import dev.vigil.app.resources.EventResource;
import dev.vigil.app.resources.ExceptionResource;
import dev.vigil.app.resources.FindingResource;
import dev.vigil.app.resources.GrantResource;
import dev.vigil.app.resources.IncidentResource;
import dev.vigil.app.resources.KeyResource;
import dev.vigil.app.resources.ReportResource;
import dev.vigil.app.resources.TenantGrantResource;
import dev.vigil.app.resources.TokenResource;
import dev.vigil.app.resources.UserResource;
import dev.vigil.app.resources.VendorResource;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The HTTP API: who may call (bearer tokens, roles), what every request passes through (the
 * body limit, the request log, the check that refuses a query parameter the endpoint does not
 * declare, the JSON error mappers), and one resource per aggregate, each handed only the
 * stores it serves.
 */
final class Api {

  /** The version a build not packaged as the jar (tests, an IDE) reports. */
  static final String UNVERSIONED = "development";

  private Api() {}

  static void register(Environment environment, int maxBodyBytes, Stores stores, AuditTrail audit,
      Monitoring monitoring, Evidence evidence, Reports reports, ServiceMetrics metrics, Clock clock) {
    JerseyEnvironment jersey = environment.jersey();
    TokenAuthenticator authenticator = new TokenAuthenticator(stores.tokens(), stores.decisions().view());
    RequestLog log = new RequestLog(metrics.http());
    authentication(jersey, authenticator);
    jersey.register(new BodyLimitFilter(maxBodyBytes));
    jersey.register(new QueryTokenFilter());
    jersey.register(new TextParamFilter());
    jersey.register(new StrictQueryFeature());
    jersey.register(new RequestLogFilter(log));
    jersey.register(new RejectedMapper());
    jersey.register(new ValidationMapper());
    jersey.register(new JsonMapper());
    jersey.register(new WebApplicationMapper());
    jersey.register(new UnexpectedMapper());
    List<Object> resources = new ArrayList<>();
    controlPlane(resources, stores, audit);
    // What agents call on every action: decisions and the events that record them.
    DecisionResource decisions = new DecisionResource(stores.decisions(), metrics.dataPlane());
    resources.add(decisions);
    resources.add(new EventResource(stores.events(), metrics.dataPlane()));
    resources.add(new ControlResource(monitoring.catalog(), monitoring.queries(), monitoring.manualRuns()));
    resources.add(new FindingResource(monitoring.catalog(), monitoring.queries(), stores.findings(), clock));
    resources.add(new EvidenceResource(evidence, monitoring.catalog(), clock));
    resources.add(new ReportResource(reports.store(), reports.jobs()));
    resources.forEach(jersey::register);
    jersey.register(openApi(resources));
    environment.servlets().addFilter("authorize", new AuthorizeFastPath(decisions, authenticator,
            environment.getObjectMapper(), environment.getValidator(), log, maxBodyBytes))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, AuthorizeFastPath.PATH);
  }

  /**
   * The description of exactly these resources and itself (so never the admin port's servlets),
   * at the version {@code --version} prints: the jar manifest's, absent when run from classes.
   */
  private static OpenApiResource openApi(List<Object> resources) {
    List<Class<?>> classes = new ArrayList<>(resources.stream().<Class<?>>map(Object::getClass).toList());
    classes.add(OpenApiResource.class);
    String version = VigilApplication.class.getPackage().getImplementationVersion();
    return new OpenApiResource(classes, version != null ? version : UNVERSIONED);
  }

  private static void authentication(JerseyEnvironment jersey, TokenAuthenticator authenticator) {
    jersey.register(new AuthDynamicFeature(new BearerTokenFilter.Builder()
        .setAuthenticator(authenticator)
        .setAuthorizer(new RoleAuthorizer())
        .setUnauthorizedHandler(new JsonUnauthorizedHandler())
        .setPrefix("Bearer")
        .setRealm("vigil")
        .buildAuthFilter()));
    jersey.register(RolesAllowedDynamicFeature.class);
    jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
  }

  private static void controlPlane(List<Object> resources, Stores stores, AuditTrail audit) {
    resources.add(new TokenResource(stores.tokens()));
    resources.add(new UserResource(stores.users()));
    resources.add(new AgentResource(stores.agents()));
    resources.add(new AuditResource(audit.log(), audit.checkpoints(), audit.exporter()));
    resources.add(new VendorResource(stores.vendors()));
    resources.add(new ConnectionResource(stores.connections(), stores.decisions()));
    resources.add(new KeyResource(stores.keysets(), stores.connections()));
    resources.add(new GrantResource(stores.grants()));
    resources.add(new TenantGrantResource(stores.grants()));
    resources.add(new AccessReviewResource(stores.grants()));
    resources.add(new ExceptionResource(stores.exceptions()));
    resources.add(new IncidentResource(stores.incidents()));
  }
}
