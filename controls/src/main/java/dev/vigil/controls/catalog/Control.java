package dev.vigil.controls.catalog;

import java.time.Instant;

/**
 * A control of the catalog: a pure function of a snapshot and an instant. {@link #evaluate}
 * reports every failing member; {@link Catalog#evaluate} then applies approved exceptions.
 */
public interface Control {

  ControlInfo info();

  /** The population examined and every member that fails, before approved exceptions. */
  Evaluation evaluate(Snapshot snapshot, Instant now);

  default String id() {
    return info().id();
  }
}
