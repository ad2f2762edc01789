package io.meshlake.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports the progress of Spark stages running longer than an interval (tasks done of total), at most
 * once per interval, so a long run shows it is moving without the Spark UI.
 */
public final class StageProgress extends SparkListener {
  private final Consumer<String> out;
  private final long intervalMillis;
  private final Map<Integer, long[]> stages = new ConcurrentHashMap<>(); // stage id -> {done, total, started}
  private volatile long lastReportAt = System.currentTimeMillis();

  public StageProgress(Consumer<String> out, long intervalMillis) {
    this.out = out;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    stages.put(event.stageInfo().stageId(), new long[] {0, event.stageInfo().numTasks(), System.currentTimeMillis()});
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    stages.remove(event.stageInfo().stageId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    long[] progress = stages.get(event.stageId());
    if (progress == null) {
      return;
    }
    progress[0]++;
    long now = System.currentTimeMillis();
    if (now - progress[2] >= intervalMillis && now - lastReportAt >= intervalMillis) {
      lastReportAt = now;
      out.accept("  ... Spark stage " + event.stageId() + ": " + progress[0] + "/" + progress[1] + " tasks done");
    }
  }
}
