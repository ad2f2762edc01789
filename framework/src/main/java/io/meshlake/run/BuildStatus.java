package io.meshlake.run;

/** How one table build ended. */
public enum BuildStatus {
  /** New data was written (one commit, or one per table plus quarantine for ingest). */
  SUCCEEDED,
  /** Nothing to do: no new files, or no input changed since the last successful build. */
  UP_TO_DATE,
  /** Not attempted because an input failed in this run. */
  SKIPPED,
  /** The build failed; the table is as it was before. */
  FAILED
}
