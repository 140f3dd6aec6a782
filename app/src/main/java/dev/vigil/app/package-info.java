/**
 * The Vigil service: {@link dev.vigil.app.VigilApplication#run} lists the subsystems, each built
 * by its factory in {@code config} from one concern of {@link dev.vigil.app.VigilConfiguration};
 * {@code Api} registers the HTTP layer over what they built. {@code docs/architecture.md} walks
 * through the whole.
 */
package dev.vigil.app;
