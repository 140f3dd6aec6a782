/** Approved, time-boxed exceptions to a control for one subject. */
package dev.vigil.collectors.exceptions;
