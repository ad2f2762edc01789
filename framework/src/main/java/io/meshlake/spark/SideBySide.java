package io.meshlake.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent Spark actions side by side, one thread each: while one waits on driver-side planning,
 * scheduling or a commit, another keeps the executors busy. Worth it for actions that are small next to
 * their fixed costs; Spark shares the executors between them.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * The tasks' results, in the tasks' order.
   *
   * @param what what the tasks do (e.g. "deriving the class tables"), for the messages when one fails or the
   *     caller is interrupted
   * @throws RuntimeException the first failed task's exception, as it was thrown, when it is unchecked
   */
  public static <T> List<T> all(String what, List<Supplier<T>> tasks) {
    if (tasks.size() == 1) {
      return List.of(tasks.get(0).get());
    }
    // Threads created here inherit the caller's active Spark session (an inheritable thread local).
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()), runnable -> {
      Thread thread = new Thread(runnable, "meshlake-side-by-side");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = tasks.stream().map(t -> pool.submit(t::get)).toList();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("Failed " + what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
