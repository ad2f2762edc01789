package io.meshlake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the files of a format in an extract folder and decides which are new. A file is new when its
 * path was never ingested or its content checksum differs from the last one ingested under that path.
 * Checksums are recomputed only when size or modification time changed, so a run with nothing new
 * stays cheap.
 */
public final class ExtractScanner {
  private final Configuration hadoopConf;

  public ExtractScanner(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * Lists the folder's files that belong to the format, sorted by name.
   *
   * @param known the files already ingested into this table, by path
   * @throws IllegalArgumentException when the folder does not exist
   */
  public List<SourceFile> scan(String folder, ExtractFormat format, Map<String, IngestedFile> known) {
    try {
      Path dir = new Path(folder);
      FileSystem fs = dir.getFileSystem(hadoopConf);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw new IllegalArgumentException(
            "Extract folder " + folder + " does not exist: pass --input DIR (a folder of extract files), "
                + "or run `./meshlake generate --members 100 --out " + folder + "` for sample data");
      }
      List<SourceFile> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.isFile() && format.matches(status.getPath().getName())) {
          String path = fs.makeQualified(status.getPath()).toString();
          files.add(new SourceFile(path, status.getLen(), status.getModificationTime(),
              checksum(fs, status, Optional.ofNullable(known.get(path)))));
        }
      }
      files.sort(Comparator.comparing(SourceFile::path));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list extract folder " + folder + ": " + e.getMessage(), e);
    }
  }

  private static String checksum(FileSystem fs, FileStatus status, Optional<IngestedFile> known) throws IOException {
    if (known.isPresent()
        && known.get().size() == status.getLen()
        && known.get().modifiedAt() == status.getModificationTime()) {
      return known.get().checksum();
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = fs.open(status.getPath())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
