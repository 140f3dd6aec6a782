/**
 * CLI commands beside Dropwizard's {@code server} and {@code db}: {@code tenant-create};
 * {@code verify}, which checks an audit export bundle offline with no configuration; and
 * {@code reindex}, which rebuilds the evidence index with the server stopped.
 */
package dev.vigil.app.cli;
