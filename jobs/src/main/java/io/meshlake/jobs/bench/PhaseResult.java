package io.meshlake.jobs.bench;

import java.util.List;

/**
 * What one benchmark phase measured in its own JVM: wall time from JVM start (so start-up counts, as
 * it does for a scheduled job), peak heap used (sampled), per-table rows and seconds, and the time the
 * runs spent appending to the audit log.
 */
record PhaseResult(String phase, double seconds, long peakHeapBytes, List<TableTiming> tables, double auditSeconds) {

  /**
   * One table build of a meshlake phase.
   *
   * @param gateSeconds the quality gate's work beyond the pass that computes the candidate, for a gold product
   * @param governanceSeconds how long governance held a gold product's publication up: its commits waiting for
   *     the pseudonym map and consent sets, then the consumer classes' tables
   * @param besideSeconds preparing the pseudonym map and consent sets, beside the product's write
   * @param sparkJobs the Spark jobs the build ran (0 where not counted)
   */
  record TableTiming(String table, String status, long rowsIn, double seconds, double gateSeconds,
      double governanceSeconds, double besideSeconds, int sparkJobs) {
    TableTiming withSparkJobs(int jobs) {
      return new TableTiming(table, status, rowsIn, seconds, gateSeconds, governanceSeconds, besideSeconds, jobs);
    }
  }
}
