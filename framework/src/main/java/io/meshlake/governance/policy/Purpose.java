package io.meshlake.governance.policy;

import java.util.regex.Pattern;

/**
 * A purpose products and consumer classes serve ({@code consent.yaml}).
 *
 * @param name lower-case letters, digits and underscores, e.g. {@code research}
 * @param consent whether members must consent (or not have opted out, under opt-out) to be included
 * @param description what the purpose covers
 */
public record Purpose(String name, Boolean consent, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Purpose {
    consent = Boolean.TRUE.equals(consent);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid purpose '" + name + "': use lower-case letters, digits and"
          + " underscores, e.g. research");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("purpose " + name + " needs a description: what it covers");
    }
  }
}
