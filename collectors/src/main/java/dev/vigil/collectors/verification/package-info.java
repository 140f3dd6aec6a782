/**
 * LG-1's verification of a tenant's audit chain at scale: each run re-hashes the entries
 * appended since the last verified one and one slice of the older entries, so that a rolling
 * pass covers the whole chain within a configured bound, and remembers per tenant how far it
 * got ({@code chain_verification}).
 */
package dev.vigil.collectors.verification;
