/**
 * Health checks served on the admin port beside Dropwizard's {@code database} check, and the
 * evidence index's lag gauges beside Dropwizard's metrics.
 */
package dev.vigil.app.health;
