package dev.vigil.app.api;

/** {@code GET /audit/public-key}: the raw 32-byte Ed25519 key in base64, its note key name and id. */
public record PublicKeyBody(String algorithm, String publicKey, String keyId, String keyName) {}
