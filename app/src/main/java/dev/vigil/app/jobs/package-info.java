/**
 * Background work of the service, run as Dropwizard managed objects: the checkpoint schedule,
 * and the evidence index rebuilds asked for through the API.
 */
package dev.vigil.app.jobs;
