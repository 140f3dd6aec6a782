/** Security incidents and their timelines: the facts behind the incident-response controls. */
package dev.vigil.collectors.incidents;
