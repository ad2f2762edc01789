package io.meshlake.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    if (tasks.isEmpty()) {
      return List.of();
    } else if (tasks.size() == 1) {
      return List.of(tasks.get(0).get());
    }
    // Threads created here inherit the caller's active Spark session (an inheritable thread local).
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), runnable -> {
      Thread thread = new Thread(runnable, "meshlake-side-by-side");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = tasks.stream().map(t -> pool.submit(t::get)).toList();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(result(what, future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task's result; its failure as it was thrown when unchecked. */
  private static <T> T result(String what, Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("Failed " + what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what, e);
    }
  }

  /**
   * Starts {@code task} on a thread of its own and returns at once: the caller goes on with other Spark work
   * and {@linkplain Started#await awaits} the task where it needs its result.
   *
   * @param what what the task does, for the messages when it fails or the caller is interrupted
   */
  public static <T> Started<T> start(String what, Supplier<T> task) {
    CompletableFuture<T> future = new CompletableFuture<>();
    long start = System.nanoTime();
    Started<T> started = new Started<>(what, future);
    // The thread inherits the caller's active Spark session and job properties (inheritable thread locals).
    Thread thread = new Thread(() -> {
      T result;
      try {
        result = task.get();
      } catch (Throwable t) {
        started.ran = Duration.ofNanos(System.nanoTime() - start);
        future.completeExceptionally(t);
        return;
      }
      started.ran = Duration.ofNanos(System.nanoTime() - start);
      future.complete(result);
    }, "meshlake-side-by-side");
    thread.setDaemon(true);
    thread.start();
    return started;
  }

  /** A task running on its own thread: its result, how long it ran and how long callers waited for it. */
  public static final class Started<T> {
    private final String what;
    private final CompletableFuture<T> future;
    private volatile Duration ran = Duration.ZERO;
    private Duration waited = Duration.ZERO;

    private Started(String what, CompletableFuture<T> future) {
      this.what = what;
      this.future = future;
    }

    /**
     * Waits for the task and returns its result.
     *
     * @throws RuntimeException the task's exception, as it was thrown, when it is unchecked
     */
    public synchronized T await() {
      long start = System.nanoTime();
      try {
        return result(what, future);
      } finally {
        waited = waited.plusNanos(System.nanoTime() - start);
      }
    }

    /** How long {@link #await} has blocked its callers so far. */
    public synchronized Duration waited() {
      return waited;
    }

    /** How long the task ran, once it has ended (zero before). */
    public Duration ran() {
      return ran;
    }
  }
}
