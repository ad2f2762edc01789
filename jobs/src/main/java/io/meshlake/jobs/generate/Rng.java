package io.meshlake.jobs.generate;

/**
 * Small, fast, reseedable pseudo-random generator (SplitMix64).
 *
 * <p>Reseeding instead of allocating lets the generator give every member its own stream — so a
 * member's data depends only on the seed and its ordinal — without per-member garbage.
 */
final class Rng {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;
  private double spareGaussian;
  private boolean hasSpareGaussian;

  Rng(long seed) {
    reseed(seed);
  }

  /** Restarts the stream at {@code seed}. */
  void reseed(long seed) {
    state = seed;
    hasSpareGaussian = false;
  }

  /** Restarts the stream at one derived from a seed, a stream name's salt and an ordinal. */
  void reseed(long seed, long streamSalt, long ordinal) {
    reseed(mix64(seed ^ mix64(streamSalt + mix64(ordinal))));
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** @return uniform in [0, 1) */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** @return uniform in [0, bound); {@code bound} must be positive */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** @return uniform in [from, to); requires {@code from < to} */
  long nextLong(long from, long to) {
    return from + (long) (nextDouble() * (to - from));
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** @return standard normal (Box-Muller, polar form) */
  double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * factor;
    hasSpareGaussian = true;
    return u * factor;
  }

  /** Stafford's variant 13 finalizer: a bijection on 64-bit values with good avalanche. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A stable 64-bit salt for a stream or entity name (FNV-1a). */
  static long salt(String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
