/** CLI commands beside {@code server} and {@code db}: tenant-create (and later verify, reindex, bench). */
package dev.vigil.app.cli;
