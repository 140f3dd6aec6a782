package dev.vigil.controls.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of the catalog's parameters: each {@link Parameter} has its declared default
 * unless {@link #with} (config.yml, a test) set another. A control is handed a view that
 * reads only the parameters it declared, and reading another throws, so a threshold a
 * control depends on is always one config.yml can set. Immutable.
 */
public final class ControlParameters {

  private final Map<Parameter<?>, Object> values;
  /** The parameters this view may read; null for all. */
  private final Set<Parameter<?>> readable;

  private ControlParameters(Map<Parameter<?>, Object> values, Set<Parameter<?>> readable) {
    this.values = Map.copyOf(values);
    this.readable = readable == null ? null : Set.copyOf(readable);
  }

  /** Every parameter at its declared default. */
  public static ControlParameters defaults() {
    return new ControlParameters(Map.of(), null);
  }

  /**
   * These values with {@code parameter} set to {@code value}.
   *
   * @throws IllegalArgumentException when the parameter does not allow the value (below its minimum)
   */
  public <T> ControlParameters with(Parameter<T> parameter, T value) {
    Map<Parameter<?>, Object> next = new HashMap<>(values);
    next.put(parameter, parameter.check(value));
    return new ControlParameters(next, readable);
  }

  /**
   * The value of {@code parameter}.
   *
   * @throws IllegalStateException when this is a control's view and the control did not declare it
   */
  @SuppressWarnings("unchecked") // with() stores only values of the parameter's own type
  public <T> T get(Parameter<T> parameter) {
    if (readable != null && !readable.contains(parameter)) {
      throw new IllegalStateException("the control did not declare the parameter " + parameter.name());
    }
    Object value = values.get(parameter);
    return value == null ? parameter.defaultValue() : (T) value;
  }

  /** A view of these values that reads only {@code declared}. */
  ControlParameters only(Collection<Parameter<?>> declared) {
    return new ControlParameters(values, Set.copyOf(declared));
  }
}
