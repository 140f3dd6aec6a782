package dev.vigil.controls.audit;

/**
 * One place where a run of entries fails to verify.
 *
 * @param seq the sequence number of the offending entry as recorded (or expected, for a gap)
 * @param reason a plain sentence saying what is wrong
 */
public record ChainBreak(long seq, String reason) {}
