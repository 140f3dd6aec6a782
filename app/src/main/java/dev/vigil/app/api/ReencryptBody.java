package dev.vigil.app.api;

/** {@code POST /keys/reencrypt}: how many credentials moved to the primary key. */
public record ReencryptBody(int reencrypted, String keyId) {}
