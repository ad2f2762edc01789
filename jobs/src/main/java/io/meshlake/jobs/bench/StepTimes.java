package io.meshlake.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The seconds each step of a hand-written benchmark job took, in the order the steps ran. */
final class StepTimes {
  private final List<PhaseResult.TableTiming> steps = new ArrayList<>();

  /** Runs a step and records its seconds under the name of the table it builds. */
  void time(String table, Runnable step) {
    time(table, () -> {
      step.run();
      return null;
    });
  }

  /** Runs a step that yields a value and records its seconds. */
  <T> T time(String table, Supplier<T> step) {
    long start = System.nanoTime();
    T result = step.get();
    record(table, (System.nanoTime() - start) / 1e9);
    return result;
  }

  /** Records a step measured elsewhere. */
  void record(String table, double seconds) {
    steps.add(new PhaseResult.TableTiming(table, "SUCCEEDED", 0, seconds, 0, 0, 0, 0));
  }

  List<PhaseResult.TableTiming> steps() {
    return List.copyOf(steps);
  }
}
