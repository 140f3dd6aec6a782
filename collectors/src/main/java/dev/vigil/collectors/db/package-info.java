/**
 * Database plumbing shared by the service, the CLI commands and the tests: JDBI setup,
 * Liquibase migrations, id generation and the rejection type that maps to 4xx answers.
 */
package dev.vigil.collectors.db;
