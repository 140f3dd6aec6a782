package dev.vigil.controls.audit;

import java.io.IOException;
import java.io.InputStream;

/**
 * The files of an audit bundle, each read as a stream, in any order: the verifier reads the
 * small files first and the entries last, once, whatever their order in the zip.
 */
public interface BundleSource {

  /** Whether the bundle holds {@code file} (one of {@link BundleVerifier#FILES}). */
  boolean has(String file);

  /** A stream of the file's bytes, which the caller closes; only for a file the bundle {@link #has}. */
  InputStream open(String file) throws IOException;
}
