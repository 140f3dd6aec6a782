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
import dev.vigil.app.http.RequestLogFilter;
import dev.vigil.app.http.TextParamFilter;
import dev.vigil.app.http.UnexpectedMapper;
import dev.vigil.app.http.ValidationMapper;
import dev.vigil.app.http.WebApplicationMapper;
import dev.vigil.app.metrics.DataPlaneMetrics;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.app.resources.AccessReviewResource;
import dev.vigil.app.resources.AgentResource;
import dev.vigil.app.resources.AuditResource;
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
import dev.vigil.app.resources.TokenResource;
import dev.vigil.app.resources.UserResource;
import dev.vigil.app.resources.VendorResource;
import dev.vigil.collectors.tenancy.TokenStore;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Clock;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The HTTP API: who may call (bearer tokens, roles), what every request passes through (the
 * body limit, the request log, the JSON error mappers), and one resource per aggregate, each
 * handed only the stores it serves.
 */
final class Api {

  private Api() {}

  static void register(JerseyEnvironment jersey, int maxBodyBytes, Stores stores, AuditTrail audit,
      Monitoring monitoring, Evidence evidence, Reports reports, ServiceMetrics metrics, Clock clock) {
    authentication(jersey, stores.tokens());
    jersey.register(new BodyLimitFilter(maxBodyBytes));
    jersey.register(new QueryTokenFilter());
    jersey.register(new TextParamFilter());
    jersey.register(new RequestLogFilter(metrics.http()));
    jersey.register(new RejectedMapper());
    jersey.register(new ValidationMapper());
    jersey.register(new JsonMapper());
    jersey.register(new WebApplicationMapper());
    jersey.register(new UnexpectedMapper());
    controlPlane(jersey, stores, audit);
    dataPlane(jersey, stores, metrics.dataPlane());
    jersey.register(new ControlResource(monitoring.catalog(), monitoring.queries(), monitoring.runner()));
    jersey.register(new FindingResource(monitoring.catalog(), monitoring.queries()));
    jersey.register(new EvidenceResource(evidence.index(), evidence.jobs(), monitoring.catalog(), clock));
    jersey.register(new ReportResource(reports.store(), reports.jobs()));
  }

  private static void authentication(JerseyEnvironment jersey, TokenStore tokens) {
    jersey.register(new AuthDynamicFeature(new BearerTokenFilter.Builder()
        .setAuthenticator(new TokenAuthenticator(tokens))
        .setAuthorizer(new RoleAuthorizer())
        .setUnauthorizedHandler(new JsonUnauthorizedHandler())
        .setPrefix("Bearer")
        .setRealm("vigil")
        .buildAuthFilter()));
    jersey.register(RolesAllowedDynamicFeature.class);
    jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
  }

  private static void controlPlane(JerseyEnvironment jersey, Stores stores, AuditTrail audit) {
    jersey.register(new TokenResource(stores.tokens()));
    jersey.register(new UserResource(stores.users()));
    jersey.register(new AgentResource(stores.agents()));
    jersey.register(new AuditResource(audit.log(), audit.checkpoints(), audit.exporter()));
    jersey.register(new VendorResource(stores.vendors()));
    jersey.register(new ConnectionResource(stores.connections(), stores.decisions()));
    jersey.register(new KeyResource(stores.keysets(), stores.connections()));
    jersey.register(new GrantResource(stores.grants()));
    jersey.register(new AccessReviewResource(stores.grants()));
    jersey.register(new ExceptionResource(stores.exceptions()));
    jersey.register(new IncidentResource(stores.incidents()));
  }

  /** What agents call on every action: decisions and the events that record them. */
  private static void dataPlane(JerseyEnvironment jersey, Stores stores, DataPlaneMetrics metrics) {
    jersey.register(new DecisionResource(stores.decisions(), metrics));
    jersey.register(new EventResource(stores.events(), metrics));
  }
}
