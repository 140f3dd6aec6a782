package dev.vigil.app.api;

import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.controls.model.StoredCredential;
import java.time.Instant;

/**
 * A connection as served: {@code status} is {@code active} or {@code retired} (then
 * {@code retiredAt} says since when); {@code credential} is null, or what is known of it
 * without the secret.
 */
public record ConnectionBody(String id, String name, String app, String vendorId, String endpoint,
    Instant createdAt, String status, Instant retiredAt, StoredCredential credential) {

  public static ConnectionBody of(ConnectionStore.View v) {
    var c = v.connection();
    return new ConnectionBody(c.id(), c.name(), c.app(), c.vendorId(), c.endpoint(), c.createdAt(),
        c.retired() ? "retired" : "active", c.retiredAt(), v.credential());
  }
}
