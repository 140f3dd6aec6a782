/**
 * The Vigil service: {@link dev.vigil.app.VigilApplication} wires every part by hand in
 * {@code run()}; {@link dev.vigil.app.VigilConfiguration} is built from one small factory per
 * concern.
 */
package dev.vigil.app;
