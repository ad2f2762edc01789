package io.meshlake.governance;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;

/**
 * Refuses every commit to a gold table (a Delta table in a {@code <domain>_gold} folder, products and the
 * governed tables derived from them alike) that a publication did not make. {@link GuardedLogStore}, the
 * Delta log store every meshlake session uses, asks it before writing any commit file, so the refusal
 * covers every way of writing: the {@code TableWriter}, {@code DataFrameWriter}, SQL {@code INSERT},
 * {@code MERGE}, {@code UPDATE}, {@code DELETE}, {@code ALTER TABLE} and the {@code DeltaTable} API.
 *
 * <p>Only {@link Governor#publish} opens the way, for the tables of the product it publishes, on its own
 * thread, while it writes: so a gold table changes only together with its governed tables.
 */
public final class GoldGuard {
  private static final ThreadLocal<Set<String>> OPEN = new ThreadLocal<>();

  private GoldGuard() {}

  /** Runs {@code write} with commits to the tables at {@code locations} allowed on this thread. */
  static <T> T open(Collection<String> locations, Supplier<T> write) {
    Set<String> previous = OPEN.get();
    Set<String> allowed = new HashSet<>();
    locations.forEach(l -> allowed.add(normalise(new Path(l))));
    OPEN.set(allowed);
    try {
      return write.get();
    } finally {
      OPEN.set(previous);
    }
  }

  /**
   * Refuses a commit to a gold table outside a publication of it.
   *
   * @param table the table's folder
   * @throws GoldWriteRefusedException naming the table and what to do instead
   */
  public static void check(Path table) {
    Path namespace = table.getParent();
    if (namespace == null || !namespace.getName().endsWith("_gold")) {
      return;
    }
    Set<String> allowed = OPEN.get();
    if (allowed == null || !allowed.contains(normalise(table))) {
      throw new GoldWriteRefusedException(namespace.getName() + "." + table.getName(), table.toString());
    }
  }

  /** The table folder of a file in its Delta log ({@code <table>/_delta_log/...}), if it is one. */
  static Path tableOf(Path logFile) {
    for (Path p = logFile.getParent(); p != null; p = p.getParent()) {
      if (p.getName().equals("_delta_log")) {
        return p.getParent();
      }
    }
    return null;
  }

  private static String normalise(Path path) {
    String p = path.toUri().getPath();
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** A write to a gold table that did not come through a publication. */
  public static final class GoldWriteRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    GoldWriteRefusedException(String table, String location) {
      super("Refused to write gold table " + table + " (" + location + "): gold tables are written only by a"
          + " publication, which checks the contract and the quality gate and applies the governance policies"
          + " (conf/governance/) for every consumer class. Declare the product in its domain with"
          + " .gold(Table.named(...)) and a contract, and let `meshlake run <domain>` publish it");
    }
  }
}
