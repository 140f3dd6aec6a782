/**
 * Streams shared by the writers of large files (audit export bundles, evidence packages):
 * {@link dev.vigil.collectors.io.HandOffStream} moves compressing and hashing onto a thread of
 * their own.
 */
package dev.vigil.collectors.io;
