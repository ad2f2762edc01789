package io.meshlake.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One record of the audit log, chained to the one before it.
 *
 * <p>{@code hash} is the lower-case hex SHA-256 of the UTF-8 bytes of the record's canonical content
 * followed by {@code previousHash}. The canonical content is the JSON array
 * {@code [sequence, "recordedAt as ISO-8601 instant", "kind", "actor", "details"]} (JSON string
 * escaping, no spaces), e.g. {@code [1,"2025-06-30T12:00:00Z","run","meshlake","{\"run_id\":\"r1\"}"]}.
 * The first record's {@code previousHash} is {@link #GENESIS}.
 *
 * @param sequence 1, 2, 3, … without gaps
 * @param recordedAt when it was recorded, to the microsecond
 * @param kind an {@link AuditKind#label()}
 * @param actor who did it
 * @param details a JSON object with sorted keys
 * @param previousHash the hash of the record before
 * @param hash this record's hash
 */
public record AuditRecord(long sequence, Instant recordedAt, String kind, String actor, String details,
    String previousHash, String hash) {
  /** The previous hash of the first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record after {@code previousHash}, with its hash computed. */
  static AuditRecord chained(long sequence, Instant recordedAt, String kind, String actor, String details,
      String previousHash) {
    return new AuditRecord(sequence, recordedAt, kind, actor, details, previousHash,
        hashOf(sequence, recordedAt, kind, actor, details, previousHash));
  }

  /** The hash this record's content and previous hash call for. */
  String expectedHash() {
    return hashOf(sequence, recordedAt, kind, actor, details, previousHash);
  }

  private static String hashOf(long sequence, Instant recordedAt, String kind, String actor, String details,
      String previousHash) {
    try {
      String canonical = JSON.writeValueAsString(List.of(sequence, recordedAt.toString(), kind, actor, details));
      return DigestUtils.sha256Hex(canonical + previousHash);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise audit record " + sequence + ": " + e.getMessage(), e);
    }
  }
}
