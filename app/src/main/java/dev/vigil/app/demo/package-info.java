/**
 * Demo data for a first run: with {@code VIGIL_DEMO=true} (the default) an empty database
 * gets a believable tenant so that every API call has something to show.
 */
package dev.vigil.app.demo;
