/**
 * The control catalog: Vigil's 18 SOC 2-style controls, each declared once
 * ({@link dev.vigil.controls.catalog.ControlDeclaration}) as a pure function of a
 * {@link dev.vigil.controls.catalog.Snapshot} of one tenant's facts, an instant and its
 * {@link dev.vigil.controls.catalog.Parameter}s. No I/O, no clock reads, no threads.
 */
package dev.vigil.controls.catalog;
