package dev.vigil.reports.load;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores and queries the loader reads through, and the {@link Jdbi} collectors' {@code
 * AuditLog} and {@code AuditDao} run on. The checkpoint store is the one
 * that may write: it signs the checkpoint at the period's last entry when none exists yet.
 */
public record Sources(Jdbi jdbi, TenantStore tenants, ControlQueries controls, ExceptionStore exceptions,
    CheckpointStore checkpoints, AgentStore agents, ConnectionStore connections, VendorStore vendors,
    IncidentStore incidents, UserStore users) {}
