package io.meshlake.jobs;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Where the CLI writes: results to standard output, progress to standard error (so pipes stay clean). */
public final class Console {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Console() {}

  public static void progress(String line) {
    System.err.println(TIME.format(LocalTime.now()) + " " + line);
  }
}
