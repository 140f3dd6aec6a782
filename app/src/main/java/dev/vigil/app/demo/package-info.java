/**
 * Demo data for a first run: with {@code VIGIL_DEMO=true} (the default) an empty database
 * gets a believable tenant with months of history, replayed through the service's own stores
 * and controls on a moving clock, so that every API call and a 90-day report have something
 * to show.
 */
package dev.vigil.app.demo;
