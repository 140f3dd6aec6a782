/**
 * The control catalog: the 18 SOC 2-style controls that {@code docs/controls.md} lists, each a
 * pure function of a {@link dev.vigil.controls.catalog.Snapshot} of one tenant's facts and an
 * instant. No I/O, no clock reads, no threads.
 */
package dev.vigil.controls.catalog;
