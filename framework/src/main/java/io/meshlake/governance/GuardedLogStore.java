package io.meshlake.governance;

import io.delta.storage.CloseableIterator;
import io.delta.storage.LogStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The Delta log store of every meshlake session ({@code spark.delta.logStore.class}): Delta's own store for
 * the path's file system, which it delegates everything to, after {@link GoldGuard} has approved each
 * commit file it writes. Delta's choice per scheme is kept (S3, Azure, GCS, else HDFS/local); another
 * store for a scheme is set with the Hadoop property {@code meshlake.logstore.<scheme>.impl} (e.g.
 * {@code spark.hadoop.meshlake.logstore.s3a.impl=io.delta.storage.S3DynamoDBLogStore}).
 */
public final class GuardedLogStore extends LogStore {
  private final Map<String, LogStore> byScheme = new ConcurrentHashMap<>();

  public GuardedLogStore(Configuration hadoopConf) {
    super(hadoopConf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf) throws IOException {
    Path table = GoldGuard.tableOf(path);
    if (table != null && GoldGuard.guards(table)) {
      // One action per line; a commit that adds no file (an empty table, properties, comments) adds no rows.
      List<String> lines = new ArrayList<>();
      actions.forEachRemaining(lines::add);
      GoldGuard.check(table, lines.stream().anyMatch(l -> l.startsWith("{\"add\"")));
      actions = lines.iterator();
    }
    delegate(path).write(path, actions, overwrite, hadoopConf);
  }

  @Override
  public CloseableIterator<String> read(Path path, Configuration hadoopConf) throws IOException {
    return delegate(path).read(path, hadoopConf);
  }

  @Override
  public Iterator<FileStatus> listFrom(Path path, Configuration hadoopConf) throws IOException {
    return delegate(path).listFrom(path, hadoopConf);
  }

  @Override
  public Path resolvePathOnPhysicalStorage(Path path, Configuration hadoopConf) throws IOException {
    return delegate(path).resolvePathOnPhysicalStorage(path, hadoopConf);
  }

  @Override
  public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) throws IOException {
    return delegate(path).isPartialWriteVisible(path, hadoopConf);
  }

  private LogStore delegate(Path path) {
    String scheme = path.toUri().getScheme() == null ? "file" : path.toUri().getScheme().toLowerCase(Locale.ROOT);
    return byScheme.computeIfAbsent(scheme, this::create);
  }

  private LogStore create(String scheme) {
    String name = initHadoopConf().get("meshlake.logstore." + scheme + ".impl", deltaDefault(scheme));
    try {
      return (LogStore) Class.forName(name).getConstructor(Configuration.class).newInstance(initHadoopConf());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("Cannot create Delta log store " + name + " for " + scheme + ":// paths: "
          + e.getMessage() + ". Set meshlake.logstore." + scheme + ".impl to an io.delta.storage.LogStore class", e);
    }
  }

  /** Delta's default store per scheme, as its DelegatingLogStore chooses. */
  private static String deltaDefault(String scheme) {
    return switch (scheme) {
      case "s3", "s3a", "s3n" -> "io.delta.storage.S3SingleDriverLogStore";
      case "abfs", "abfss", "adl", "wasb", "wasbs" -> "io.delta.storage.AzureLogStore";
      case "gs" -> "io.delta.storage.GCSLogStore";
      default -> "io.delta.storage.HDFSLogStore";
    };
  }
}
