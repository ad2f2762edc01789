package io.meshlake.jobs.generate;

/** The statistical shape of the synthetic population and its claims. */
final class Distributions {

  /** A member never has more claims than this (keeps per-member buffers bounded). */
  static final int MAX_CLAIMS = 1_500;

  /** A claim never bills more services than this besides its encounter fee. */
  static final int MAX_EXTRA_SERVICES = 8;

  /** Log-scale spread of claims per member; with {@link #CLAIMS_MU} the mean is ≈ 45 (Synthea's sample: 1267 claims / 27 patients). */
  private static final double CLAIMS_SIGMA = 1.1;

  private static final double CLAIMS_MU = Math.log(45) - CLAIMS_SIGMA * CLAIMS_SIGMA / 2;

  /** Log-scale spread of a charge around its service's base price. */
  private static final double PRICE_SIGMA = 0.35;

  private Distributions() {}

  /** @return age in whole years at the end of the simulated period: 0–100, mostly adults, thinning after 65 */
  static int ageYears(Rng rng) {
    double u = rng.nextDouble();
    if (u < 0.22) {
      return rng.nextInt(18);
    }
    if (u < 0.80) {
      return 18 + rng.nextInt(47);
    }
    return 65 + (int) (36 * (1 - Math.sqrt(rng.nextDouble()))); // density falls linearly to 100
  }

  /** @return whether a member of this age has died within the simulated period (≈ 1.5% overall) */
  static boolean deceased(Rng rng, int ageYears) {
    return rng.chance(ageYears < 65 ? 0.004 : 0.05);
  }

  /** @return claims of one member: long-tailed (log-normal), rising with age, in [1, {@link #MAX_CLAIMS}] */
  static int claimCount(Rng rng, int ageYears) {
    double ageFactor = 0.6 + ageYears / 100.0;
    long n = Math.round(Math.exp(CLAIMS_MU + CLAIMS_SIGMA * rng.nextGaussian()) * ageFactor);
    return (int) Math.max(1, Math.min(MAX_CLAIMS, n));
  }

  /** @return services billed on a claim besides the encounter fee: usually none, at most {@link #MAX_EXTRA_SERVICES} */
  static int extraServiceCount(Rng rng) {
    double u = rng.nextDouble();
    if (u < 0.82) {
      return 0;
    }
    if (u < 0.90) {
      return 1;
    }
    if (u < 0.95) {
      return 2;
    }
    return 3 + rng.nextInt(MAX_EXTRA_SERVICES - 2);
  }

  /** @return a price in cents, log-normally spread around {@code baseCents} (0 stays 0) */
  static long priceCents(Rng rng, long baseCents) {
    return Math.round(baseCents * Math.exp(PRICE_SIGMA * rng.nextGaussian()));
  }

  /** @return an index in [0, n) where low indexes (the catalogs' most frequent entries) dominate */
  static int skewedIndex(Rng rng, int n) {
    double u = rng.nextDouble();
    return (int) (n * u * u);
  }

  /** @return an index of {@code weights} drawn in proportion to the weights (which sum to 1) */
  static int weightedIndex(Rng rng, double[] weights) {
    double u = rng.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
