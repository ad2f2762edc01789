package io.meshlake.ingest;

import java.io.Serializable;

/**
 * An extract file as found in the input folder, with its content checksum (SHA-256, hex).
 *
 * @param path fully qualified path, e.g. {@code file:/data/extract/claims.csv}
 */
public record SourceFile(String path, long size, long modifiedAt, String checksum) implements Serializable {

  /** The file name without directories. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
