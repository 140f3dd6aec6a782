/**
 * Database plumbing shared by the service, the CLI commands and the tests: JDBI setup,
 * Liquibase migrations, id generation, the refusal a store throws (with a reason in the
 * domain's terms, which the service maps to an HTTP status) and the one allowance for
 * callers' clocks that stores apply to reported times.
 */
package dev.vigil.collectors.db;
