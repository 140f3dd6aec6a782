/** Health checks served on the admin port beside Dropwizard's {@code database} check. */
package dev.vigil.app.health;
