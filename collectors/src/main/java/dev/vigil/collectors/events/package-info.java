/**
 * Reported agent actions. A batch is validated whole, then appended whole through the
 * group-commit pipeline as audit entries of kind {@code event}, with copies of the agent,
 * connection, action, time and covering grant in columns of their own; queries read through
 * the indexes on agent, connection and time and filter on the rest.
 */
package dev.vigil.collectors.events;
