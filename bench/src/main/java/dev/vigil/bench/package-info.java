/**
 * The benchmark, outside the service jar: {@link dev.vigil.bench.BenchCommand} times the
 * running service against a raw JDBC baseline, {@link dev.vigil.bench.Estate} fills a tenant
 * with a large estate through the service's own audit writer, and
 * {@link dev.vigil.bench.SweepBench} times every control over it;
 * {@link dev.vigil.bench.ReportBenchCommand} builds a year of control runs
 * ({@link dev.vigil.bench.ReportEstate}) and times the Type II report over it in a child JVM
 * ({@link dev.vigil.bench.ReportChild});
 * {@link dev.vigil.bench.PageBenchCommand} times the dashboard's pages ({@link dev.vigil.bench.DashboardPages}) on
 * the demo or the sweep estate, signed in as a browser is ({@link dev.vigil.bench.SignedInBrowser}). The commands
 * start the service with {@link dev.vigil.bench.ServiceProcess} and call its API with
 * {@link dev.vigil.bench.ApiClient}.
 */
package dev.vigil.bench;
