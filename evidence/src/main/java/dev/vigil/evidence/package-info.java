/**
 * The evidence index as its users see it: {@link dev.vigil.evidence.EvidenceSearch} and the
 * documents, requests and answers it deals in. The index is derived data: every document is
 * built from the database by {@code docs}, kept in Lucene by {@code lucene}, and brought up to
 * date from each tenant's audit chain by {@code follow}.
 */
package dev.vigil.evidence;
