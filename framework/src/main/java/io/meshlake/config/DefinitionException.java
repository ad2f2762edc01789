package io.meshlake.config;

/**
 * A definition file (contract, rule file, policy) that cannot be used, with the file and line at fault
 * and what to do about it. Raised before anything runs.
 */
public final class DefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final int line;
  private final String detail;

  public DefinitionException(String source, int line, String message) {
    super(source + (line > 0 ? ":" + line : "") + ": " + message);
    this.source = source;
    this.line = line;
    this.detail = message;
  }

  /** The problem and its fix, without the file and line. */
  public String detail() {
    return detail;
  }

  /** The file (or classpath resource) at fault. */
  public String source() {
    return source;
  }

  /** The 1-based line at fault, or 0 when the whole file is. */
  public int line() {
    return line;
  }
}
