package dev.vigil.controls.audit;

/**
 * One line of {@code entries.jsonl} as a worker read it: an entry's fields (its time in the
 * chain's text form), or none when the line is not an audit entry. {@code hashChecked} says the
 * worker chained it from the line before (that line's recorded hash); then {@code computed} is
 * the hash computed for it, or null when that recorded hash is not 64 hex digits to chain from.
 */
record CheckedLine(boolean entry, long seq, String tenantId, String time, String hash, boolean hashChecked,
    String computed) {

  static final CheckedLine NOT_AN_ENTRY = new CheckedLine(false, 0, null, null, null, false, null);
}
