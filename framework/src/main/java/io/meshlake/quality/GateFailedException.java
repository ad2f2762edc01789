package io.meshlake.quality;

/**
 * A product's candidate broke fail-action rules, so it was not published. The message lists each
 * failed rule with its metric and threshold and says where the candidate was kept.
 */
public final class GateFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public GateFailedException(String message) {
    super(message);
  }
}
