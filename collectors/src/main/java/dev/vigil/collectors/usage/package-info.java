/**
 * Usage rollups: what the least-privilege controls read about use (each grant's last use, the
 * reported actions per hour, and those outside every grant per hour, agent, connection and
 * action), folded from each tenant's audit chain by a watermark instead of scanned from a
 * month of actions every sweep. Readers add the entries after the watermark from the chain,
 * and answer a window's partial first hour from the chain by an index range, so every answer
 * equals the set-based query over the chain ({@code usage_*} tables).
 */
package dev.vigil.collectors.usage;
