package io.meshlake.governance;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.exceptions.CleanableFailure;

/**
 * Refuses every commit to a gold table (a Delta or Iceberg table in a {@code <domain>_gold} folder, products
 * and the governed tables derived from them alike) that a publication did not make.
 *
 * <p><b>Delta.</b> {@link GuardedLogStore}, the Delta log store every meshlake session uses, asks it before
 * writing any commit file, so the refusal covers every way of writing: the {@code TableWriter},
 * {@code DataFrameWriter}, SQL {@code INSERT}, {@code MERGE}, {@code UPDATE}, {@code DELETE},
 * {@code ALTER TABLE} and the {@code DeltaTable} API.
 *
 * <p><b>Iceberg.</b> The session's Iceberg catalog {@code iceberg} is {@link GuardedHadoopCatalog} or
 * {@link GuardedJdbcCatalog}, whose table operations ask it before every metadata commit of a table, at the
 * table's place in the catalog ({@code <warehouse>/<domain>_gold/<name>} for {@code iceberg.<domain>_gold.<name>},
 * whatever location the table was given) and at the location its new metadata names. Every change to a
 * table is such a commit, so the refusal covers its creation ({@code CREATE TABLE}, {@code CREATE TABLE AS
 * SELECT}, the catalog's {@code buildTable}, {@code register_table}), its replacement ({@code createOrReplace},
 * {@code REPLACE TABLE}), the {@code TableWriter}, {@code writeTo(...)} appends and overwrites, SQL
 * {@code INSERT}, {@code MERGE}, {@code UPDATE}, {@code DELETE}, {@code ALTER TABLE} (properties, columns,
 * partitioning, location), the Iceberg {@code Table} API ({@code updateProperties()}, {@code newAppend()}, ...)
 * and the {@code CALL iceberg.system.*} procedures that change a table (table maintenance such as
 * {@code expire_snapshots} too, which a gold table therefore gets only inside a publication). The JDBC catalog
 * also refuses to rename a table into or out of a gold namespace. Not covered, as they commit nothing:
 * {@code DROP TABLE} (the Hadoop catalog deletes the table's folder, {@code PURGE} or not; the JDBC catalog
 * forgets the table and, with {@code PURGE}, deletes its files) and views (the JDBC catalog's, which hold a
 * query, no rows). Writes by path ({@code format("iceberg").save(path)}) do not use the catalog: in a meshlake
 * session they fail (Iceberg's catalog for paths, {@code default_iceberg}, is a Hive catalog, and there is no
 * Hive), but a session that configures {@code spark.sql.catalog.default_iceberg} itself writes them through
 * Iceberg's {@code HadoopTables}, unguarded: meshlake writes Iceberg tables only by name.
 *
 * <p>Only {@link Governor#publish} opens the way, for the tables of the product it publishes, on its own
 * thread, while it writes: so a gold table changes only together with its governed tables. Those of its commits
 * that add rows wait until what the product's views read (the pseudonyms of its identifiers, the consent sets)
 * is in place, which the publication prepares while the product's files are written. The guard holds
 * for code running in meshlake's JVMs; storage permissions hold against everything else.
 */
public final class GoldGuard {
  private static final ThreadLocal<Opening> OPEN = new ThreadLocal<>();

  private GoldGuard() {}

  /** Runs {@code write} with commits to the tables at {@code locations} allowed on this thread. */
  static <T> T open(Collection<String> locations, Supplier<T> write) {
    return open(locations, () -> { }, write);
  }

  /**
   * Runs {@code write} with commits to the tables at {@code locations} allowed on this thread, each that adds
   * rows once {@code beforeCommit} has returned: what must be in place before rows become visible is awaited at
   * the commit, so it can be prepared while their files are written. An exception from it refuses the commit.
   */
  static <T> T open(Collection<String> locations, Runnable beforeCommit, Supplier<T> write) {
    Opening previous = OPEN.get();
    Set<String> allowed = new HashSet<>();
    locations.forEach(l -> allowed.add(normalise(new Path(l))));
    OPEN.set(new Opening(allowed, beforeCommit));
    try {
      return write.get();
    } finally {
      OPEN.set(previous);
    }
  }

  /**
   * Refuses a commit to a gold table outside a publication of it; inside one, returns once the publication
   * is ready for a commit that may add rows.
   *
   * @param table the table's folder
   * @throws GoldWriteRefusedException naming the table and what to do instead
   */
  public static void check(Path table) {
    check(table, true);
  }

  /**
   * As {@link #check(Path)}, for a commit that adds rows or not: only one that does waits for the publication's
   * preparation (an empty table, its properties or comments can be committed meanwhile).
   */
  static void check(Path table, boolean addsRows) {
    if (!guards(table)) {
      return;
    }
    Path namespace = table.getParent();
    Opening opening = OPEN.get();
    if (opening == null || !opening.tables().contains(normalise(table))) {
      throw new GoldWriteRefusedException(namespace.getName() + "." + table.getName(), table.toString());
    }
    if (addsRows) {
      opening.beforeCommit().run();
    }
  }

  /** Whether the guard watches commits to the table in this folder: one in a {@code <domain>_gold} folder. */
  static boolean guards(Path table) {
    return table.getParent() != null && table.getParent().getName().endsWith("_gold");
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

  /** The tables a publication opened on a thread, and what each of their commits waits for. */
  private record Opening(Set<String> tables, Runnable beforeCommit) {}

  private static String normalise(Path path) {
    String p = path.toUri().getPath();
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * A write to a gold table that did not come through a publication. Nothing was committed, so Iceberg
   * (a {@link CleanableFailure}) deletes the files the refused write had already written.
   */
  public static final class GoldWriteRefusedException extends IllegalStateException implements CleanableFailure {
    private static final long serialVersionUID = 1L;

    GoldWriteRefusedException(String table, String location) {
      super("Refused to write gold table " + table + " (" + location + "): gold tables are written only by a"
          + " publication, which checks the contract and the quality gate and applies the governance policies"
          + " (conf/governance/) for every consumer class. Declare the product in its domain with"
          + " .gold(Table.named(...)) and a contract, and let `meshlake run <domain>` publish it");
    }
  }
}
