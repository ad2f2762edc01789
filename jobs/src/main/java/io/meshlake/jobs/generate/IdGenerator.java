package io.meshlake.jobs.generate;

/**
 * Deterministic UUID-shaped ids ({@code 8-4-4-4-12} lowercase hex) for one entity kind.
 *
 * <p>An id is derived from the seed, the entity kind, an owner (a member ordinal, or a
 * reference-data index) and a local index within that owner. The pair (high, low) = (a bijection of
 * the owner, a bijection of the local index keyed by the high half) is unique per (owner, local);
 * three Feistel rounds then scramble the pair — a bijection on 128 bits, so uniqueness is kept — to
 * make ids of the same owner look unrelated. Two ids of one kind therefore never collide unless
 * owner and local index are both equal; in particular members of disjoint ordinal ranges never share
 * ids.
 */
final class IdGenerator {

  /** Characters an id occupies. */
  static final int LENGTH = 36;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long ownerKey;
  private final long localKey;

  IdGenerator(long seed, String entity) {
    long salt = Rng.salt(entity);
    this.ownerKey = Rng.mix64(seed ^ Rng.mix64(salt));
    this.localKey = Rng.mix64(salt ^ 0x5deece66dL);
  }

  /** Writes the id of ({@code owner}, {@code local}) into {@code dst[offset, offset + 36)}. */
  void write(long owner, long local, char[] dst, int offset) {
    long hi = Rng.mix64(owner + ownerKey);
    long lo = Rng.mix64((local + localKey) ^ hi);
    hi ^= Rng.mix64(lo + ownerKey);
    lo ^= Rng.mix64(hi + localKey);
    hi ^= Rng.mix64(lo ^ localKey);
    int pos = offset;
    for (int digit = 0; digit < 32; digit++) {
      if (digit == 8 || digit == 12 || digit == 16 || digit == 20) {
        dst[pos++] = '-';
      }
      long word = digit < 16 ? hi : lo;
      dst[pos++] = HEX[(int) (word >>> (60 - 4 * (digit & 15))) & 0xf];
    }
  }

  /** @return the id of ({@code owner}, {@code local}) as a string (for small reference tables) */
  String id(long owner, long local) {
    char[] chars = new char[LENGTH];
    write(owner, local, chars, 0);
    return new String(chars);
  }
}
