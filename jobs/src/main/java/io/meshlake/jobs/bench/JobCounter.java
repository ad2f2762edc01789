package io.meshlake.jobs.bench;

import io.meshlake.run.Runner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs of each table build (by the job group the runner gives them, {@link Runner#JOB_GROUP_PREFIX}):
 * an increment's cost is mostly fixed cost per job and per commit, so the count shows where it goes.
 */
final class JobCounter extends SparkListener {
  private static final long QUIET_MILLIS = 200;
  private static final long MAX_WAIT_MILLIS = 5_000;
  private final Map<String, AtomicInteger> byTable = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private boolean settled;

  /** A counter listening to a Spark application's jobs from now on. */
  static JobCounter listeningTo(SparkContext context) {
    JobCounter counter = new JobCounter();
    context.addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    started.incrementAndGet();
    String group = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.jobGroup.id");
    if (group != null && group.startsWith(Runner.JOB_GROUP_PREFIX)) {
      byTable.computeIfAbsent(group.substring(Runner.JOB_GROUP_PREFIX.length()), t -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    ended.incrementAndGet();
  }

  /**
   * The jobs counted for a table. The first call waits until the listener has heard the end of every job it heard
   * start (events reach listeners asynchronously) and nothing more for a moment: ask once the runs are over.
   */
  int jobs(String table) {
    settle();
    AtomicInteger count = byTable.get(table);
    return count == null ? 0 : count.get();
  }

  private synchronized void settle() {
    if (settled) {
      return;
    }
    settled = true;
    long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
    int seen = -1;
    while (System.currentTimeMillis() < deadline && (started.get() != ended.get() || started.get() != seen)) {
      seen = started.get();
      try {
        Thread.sleep(QUIET_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
