package io.meshlake.governance;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One secret key for keyed pseudonyms, with the id that names it in pseudonyms, publications and the
 * keyring. The secret never leaves this object except to compute an HMAC: {@link #toString()} shows
 * the id only.
 */
public final class PseudonymKey {
  /** The shortest accepted secret: 256 bits, the output size of HMAC-SHA256. */
  public static final int MIN_SECRET_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final String id;
  private final byte[] secret;

  /**
   * @param id letters, digits, {@code _ . -}, at most 64 characters, e.g. {@code 2025-01}
   * @param secret at least {@link #MIN_SECRET_BYTES} bytes; copied
   * @throws IllegalArgumentException naming the id (never the secret) when either is unusable
   */
  public PseudonymKey(String id, byte[] secret) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Invalid pseudonym key id '" + id
          + "': use 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. 2025-01");
    }
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("Pseudonym key '" + id + "' has " + (secret == null ? 0 : secret.length)
          + " secret bytes; at least " + MIN_SECRET_BYTES + " are required. Generate one with: "
          + "head -c 32 /dev/urandom | base64");
    }
    this.id = id;
    this.secret = secret.clone();
  }

  /** The key's id, recorded with every pseudonym it produces. */
  public String id() {
    return id;
  }

  /** A copy of the secret, for building an HMAC. */
  byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PseudonymKey key && key.id.equals(id) && Arrays.equals(key.secret, secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** The id only; the secret is never shown. */
  @Override
  public String toString() {
    return "PseudonymKey[id=" + id + ", secret=<hidden>]";
  }
}
