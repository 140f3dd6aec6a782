/**
 * The Vigil service: {@link dev.vigil.app.VigilApplication} registers the commands and, in
 * {@code run()}, builds the service from {@link dev.vigil.app.VigilConfiguration}, whose
 * sections are small factories, one per concern (package {@code config}).
 * {@code docs/architecture.md} walks through the whole.
 */
package dev.vigil.app;
