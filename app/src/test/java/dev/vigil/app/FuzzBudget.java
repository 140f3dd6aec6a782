package dev.vigil.app;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How long the API fuzz test runs: {@value #TRIES} requests per database from seed
 * {@value #SEED} unless the system properties {@code vigil.fuzz.tries} and {@code vigil.fuzz.seed}
 * (a number, or {@code random}) say otherwise. A fixed seed keeps CI reproducible and bounded;
 * a longer or fresh run is one command line away (see README "Tests").
 */
public final class FuzzBudget implements AroundPropertyHook {

  static final int TRIES = 2000;
  static final String SEED = "20260120";

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    context.attributes().setTries(Integer.getInteger("vigil.fuzz.tries", TRIES));
    String seed = System.getProperty("vigil.fuzz.seed", SEED);
    if (!seed.equals("random")) context.attributes().setSeed(seed);
    return property.execute();
  }
}
