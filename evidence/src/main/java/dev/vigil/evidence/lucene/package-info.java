/**
 * The evidence index in Lucene: {@link dev.vigil.evidence.lucene.LuceneIndex} keeps one index
 * per tenant on local disk and answers searches confined to the tenant; documents are laid out
 * by {@code Schema}, queries parsed strictly by {@code EvidenceQueryParser}.
 */
package dev.vigil.evidence.lucene;
