package io.meshlake.jobs.bench;

import java.util.List;

/**
 * What one benchmark phase measured in its own JVM: wall time from JVM start (so start-up counts, as
 * it does for a scheduled job), peak heap used (sampled), and per-table rows and seconds.
 */
record PhaseResult(String phase, double seconds, long peakHeapBytes, List<TableTiming> tables) {

  /** One table build of a meshlake phase. */
  record TableTiming(String table, String status, long rowsIn, double seconds, double gateSeconds) {}
}
