/** CLI commands beside {@code server} and {@code db}: tenant-create and verify. The benchmark is the bench module's. */
package dev.vigil.app.cli;
