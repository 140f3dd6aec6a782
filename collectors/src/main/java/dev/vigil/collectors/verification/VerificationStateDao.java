package dev.vigil.collectors.verification;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code chain_verification} table, one row per tenant. Use through {@link RollingVerifier}. */
@RegisterConstructorMapper(VerificationState.class)
interface VerificationStateDao {

  @SqlQuery("""
      SELECT verified_seq, verified_hash, pass_next_seq, pass_started_at, whole_seq, whole_started_at,
             whole_finished_at, version
      FROM chain_verification WHERE tenant_id = :tenantId
      """)
  Optional<VerificationState> find(@Bind("tenantId") String tenantId);

  /** The tenant's first row; a unique violation when another run inserted it first. */
  @SqlUpdate("""
      INSERT INTO chain_verification (tenant_id, verified_seq, verified_hash, pass_next_seq, pass_started_at,
          whole_seq, whole_started_at, whole_finished_at, version, updated_at)
      VALUES (:tenantId, :s.verifiedSeq, :s.verifiedHash, :s.passNextSeq, :s.passStartedAt, :s.wholeSeq,
          :s.wholeStartedAt, :s.wholeFinishedAt, :s.version, :at)
      """)
  void insert(@Bind("tenantId") String tenantId, @BindMethods("s") VerificationState s, @Bind("at") Instant at);

  /** Replaces the row if it still has version {@code expected}; the number of rows changed (0 or 1). */
  @SqlUpdate("""
      UPDATE chain_verification SET verified_seq = :s.verifiedSeq, verified_hash = :s.verifiedHash,
          pass_next_seq = :s.passNextSeq, pass_started_at = :s.passStartedAt, whole_seq = :s.wholeSeq,
          whole_started_at = :s.wholeStartedAt, whole_finished_at = :s.wholeFinishedAt, version = :s.version,
          updated_at = :at
      WHERE tenant_id = :tenantId AND version = :expected
      """)
  int update(@Bind("tenantId") String tenantId, @Bind("expected") long expected,
      @BindMethods("s") VerificationState s, @Bind("at") Instant at);
}
