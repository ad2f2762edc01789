package io.meshlake.run;

import io.meshlake.plan.Step;
import io.meshlake.quality.QualityLog;
import java.time.Instant;
import java.util.Optional;

/**
 * Hears the table builds of runs as they begin and end; lineage emission is one such listener. A listener
 * deals with its own errors: nothing it does may fail a run.
 */
public interface RunListener {
  /** Hears nothing. */
  RunListener NONE = (runId, domain, options) -> Builds.NONE;

  /**
   * A run begins.
   *
   * @param runId the run log's id of the run
   * @return what hears the run's builds
   */
  Builds runStarted(String runId, String domain, RunOptions options);

  /** Hears the table builds of one run. */
  interface Builds {
    /** Hears nothing. */
    Builds NONE = new Builds() {
      @Override
      public void started(Step step, Instant at) {}

      @Override
      public void ended(Step step, TableBuild build, Optional<QualityLog.Entry> gate) {}
    };

    /** A table build begins. Not called for a table skipped because one of its inputs failed. */
    void started(Step step, Instant at);

    /**
     * A table build that began has ended: succeeded, found up to date, or failed.
     *
     * @param gate the quality gate's verdict when the table is a gold product whose gate ran
     */
    void ended(Step step, TableBuild build, Optional<QualityLog.Entry> gate);
  }
}
