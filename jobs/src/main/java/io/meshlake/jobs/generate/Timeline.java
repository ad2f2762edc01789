package io.meshlake.jobs.generate;

import java.time.LocalDate;

/**
 * The fixed simulated calendar. Everything is relative to {@link #END_DAY} rather than the wall clock
 * so that output never depends on when the generator runs.
 */
final class Timeline {

  /** First day after the simulated period (2026-01-01): ages are computed at this day, no event is on or after it. */
  static final long END_DAY = LocalDate.of(2026, 1, 1).toEpochDay();

  /** Coverage histories of members born earlier start in the year from this day (2008-01-01). */
  static final long HISTORY_START_DAY = LocalDate.of(2008, 1, 1).toEpochDay();

  /** Most claims fall on or after this day (2015-01-01). */
  static final long CLAIMS_FOCUS_START_DAY = LocalDate.of(2015, 1, 1).toEpochDay();

  /** Deaths fall on or after this day (2012-01-01). */
  static final long DEATHS_START_DAY = LocalDate.of(2012, 1, 1).toEpochDay();

  private Timeline() {}
}
