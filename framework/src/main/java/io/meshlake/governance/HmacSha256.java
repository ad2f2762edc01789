package io.meshlake.governance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The Spark function behind pseudonyms: lower-case hex HMAC-SHA256 of {@code <namespace>:<value>} in
 * UTF-8; null stays null. Spark 3.5 has no built-in HMAC. Each task deserialises its own copy of this
 * function, so the {@link Mac} is created once per task (partition) and reused for its rows.
 *
 * <p>The secret travels inside the serialised function, not as a literal in the query plan, so it does
 * not appear in {@code EXPLAIN}, the Spark UI or logged plans.
 */
final class HmacSha256 implements UDF1<String, String> {
  private static final String ALGORITHM = "HmacSHA256";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] secret;
  private final byte[] prefix;
  private transient Mac mac;

  HmacSha256(PseudonymKey key, String namespace) {
    this.secret = key.secret();
    this.prefix = (namespace + ":").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String call(String value) throws GeneralSecurityException {
    if (value == null) {
      return null;
    }
    if (mac == null) {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
    }
    mac.update(prefix);
    byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    char[] hex = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(hex);
  }

  @Override
  public String toString() {
    return "HmacSha256[<secret hidden>]";
  }
}
