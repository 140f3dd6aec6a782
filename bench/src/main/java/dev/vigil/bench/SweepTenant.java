package dev.vigil.bench;

import dev.vigil.collectors.crypto.MasterKey;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The tenant the sweep fills and runs over, with the database, master key and clock it uses. */
record SweepTenant(Jdbi jdbi, MasterKey master, String id, Clock clock) {}
