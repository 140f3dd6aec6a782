/**
 * Reported agent actions. A batch is validated whole, then appended whole through the
 * group-commit pipeline as audit entries of kind {@code event}; queries filter on indexed
 * copies of the agent, connection, action and time.
 */
package dev.vigil.collectors.events;
