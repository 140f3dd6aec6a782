package dev.vigil.controls.catalog;

import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A tunable threshold of the catalog, declared once beside the control that reads it: its
 * name under {@code controls.parameters} in config.yml, its default, the least value config
 * may set, and what it means. A control reads its value with {@link ControlParameters#get}.
 * Build one with {@link #whole} or {@link #minutesPerSeverity}.
 *
 * @param <T> the type a control reads
 * @param min the least value (for each severity, in minutes, for a per-severity parameter)
 * @param description what the parameter means, naming the controls that read it
 */
public record Parameter<T>(String name, T defaultValue, int min, String description, Kind<T> kind) {

  /** How values of one kind of parameter are read from config.yml, checked and written back. */
  public interface Kind<T> {
    /** The value a config.yml entry states, or an exception naming {@code name}. */
    T parse(Object configValue, String name);

    /** What is wrong with {@code value}, or null. */
    String problem(T value, String name, int min);

    /** {@code value} as config.yml writes it. */
    String show(T value);
  }

  public Parameter {
    String wrong = kind.problem(defaultValue, name, min);
    if (wrong != null) throw new IllegalArgumentException("the default of " + wrong);
  }

  /** A whole number of days, hours, minutes or months (the name says which), or a count. */
  public static Parameter<Integer> whole(String name, int defaultValue, int min, String description) {
    return new Parameter<>(name, defaultValue, min, description, WHOLE);
  }

  /**
   * A duration for each severity, configured in minutes as {@code {sev1: 240, sev2: 1440, ...}}.
   * Every severity needs one.
   */
  public static Parameter<Map<Severity, Duration>> minutesPerSeverity(String name, Map<Severity, Integer> minutes,
      int min, String description) {
    Map<Severity, Duration> defaults = new EnumMap<>(Severity.class);
    minutes.forEach((sev, m) -> defaults.put(sev, Duration.ofMinutes(m)));
    return new Parameter<>(name, Map.copyOf(defaults), min, description, MINUTES_PER_SEVERITY);
  }

  /** The default as config.yml writes it: {@code 30}, {@code {sev1: 240, sev2: 1440, ...}}. */
  public String defaultInConfig() {
    return kind.show(defaultValue);
  }

  /**
   * The value of a config.yml entry (a number, a string of digits as an environment override
   * gives it, or a map of severities), checked against the minimum.
   *
   * @throws IllegalArgumentException naming the parameter and what is wrong
   */
  public T read(Object configValue) {
    return check(kind.parse(configValue, name));
  }

  /** {@code value}, if the parameter allows it; else an exception naming the parameter. */
  T check(T value) {
    String wrong = value == null ? name + " needs a value" : kind.problem(value, name, min);
    if (wrong != null) throw new IllegalArgumentException(wrong);
    return value;
  }

  private static final Kind<Integer> WHOLE = new Kind<>() {
    @Override
    public Integer parse(Object raw, String name) {
      return wholeNumber(raw, name);
    }

    @Override
    public String problem(Integer value, String name, int min) {
      return value < min ? name + " must be at least " + min + ", not " + value : null;
    }

    @Override
    public String show(Integer value) {
      return String.valueOf(value);
    }
  };

  private static final Kind<Map<Severity, Duration>> MINUTES_PER_SEVERITY = new Kind<>() {
    @Override
    public Map<Severity, Duration> parse(Object raw, String name) {
      if (!(raw instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(name + " must map each severity to minutes, e.g. {sev1: 240, sev2: 1440}");
      }
      Map<Severity, Duration> out = new EnumMap<>(Severity.class);
      map.forEach((key, minutes) -> out.put(severity(key, name),
          Duration.ofMinutes(wholeNumber(minutes, name + "." + key))));
      return Map.copyOf(out);
    }

    @Override
    public String problem(Map<Severity, Duration> value, String name, int min) {
      if (!value.keySet().containsAll(Stream.of(Severity.values()).toList())) {
        return name + " needs minutes for sev1, sev2, sev3 and sev4";
      }
      for (Severity s : Severity.values()) {
        long minutes = value.get(s).toMinutes();
        if (minutes < min) return name + "." + s.wire() + " must be at least " + min + ", not " + minutes;
      }
      return null;
    }

    @Override
    public String show(Map<Severity, Duration> value) {
      return Stream.of(Severity.values()).map(s -> s.wire() + ": " + value.get(s).toMinutes())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  };

  private static int wholeNumber(Object raw, String name) {
    if (raw instanceof Integer i) return i;
    if (raw instanceof String s) {
      try {
        return Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(name + " must be a whole number, not " + raw);
  }

  private static Severity severity(Object key, String name) {
    for (Severity s : Severity.values()) {
      if (s.wire().equals(String.valueOf(key).toLowerCase(Locale.ROOT))) return s;
    }
    throw new IllegalArgumentException(name + "." + key + " is not a severity: use sev1, sev2, sev3 or sev4");
  }
}
