package dev.vigil.app.api;

/** How many events were stored and the seq range they occupy. */
public record IngestResponse(int accepted, long firstSeq, long lastSeq) {}
