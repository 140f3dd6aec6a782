/** Background work of the service, run as Dropwizard managed objects. */
package dev.vigil.app.jobs;
