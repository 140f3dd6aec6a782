/**
 * Building the index's documents from the database: {@link dev.vigil.evidence.docs.Documents}
 * shapes them (pure), {@link dev.vigil.evidence.docs.EvidenceReader} reads a stretch of a
 * tenant's chain and what its entries changed.
 */
package dev.vigil.evidence.docs;
