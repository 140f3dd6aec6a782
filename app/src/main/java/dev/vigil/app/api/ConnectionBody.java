package dev.vigil.app.api;

import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.controls.model.StoredCredential;
import java.time.Instant;

/** A connection as served: {@code credential} is null, or what is known of it without the secret. */
public record ConnectionBody(String id, String name, String app, String vendorId, String endpoint,
    Instant createdAt, StoredCredential credential) {

  public static ConnectionBody of(ConnectionStore.View v) {
    var c = v.connection();
    return new ConnectionBody(c.id(), c.name(), c.app(), c.vendorId(), c.endpoint(), c.createdAt(),
        v.credential());
  }
}
