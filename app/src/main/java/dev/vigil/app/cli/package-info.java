/**
 * CLI commands beside Dropwizard's {@code server} and {@code db}: {@code tenant-create}, and
 * {@code verify}, which checks an audit export bundle offline with no configuration.
 */
package dev.vigil.app.cli;
