package io.meshlake.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in this JVM and keeps what it printed, for tests. */
public final class Cli {
  private Cli() {}

  /**
   * What a command did.
   *
   * @param status its exit status
   * @param out what it printed on standard output
   * @param err what it printed on standard error (progress, errors)
   */
  public record Result(int status, String out, String err) {
    /** Everything printed, standard error first. */
    public String all() {
      return err + out;
    }
  }

  /** Runs {@code meshlake <args>}. */
  public static Result run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Meshlake.execute(args);
      return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
