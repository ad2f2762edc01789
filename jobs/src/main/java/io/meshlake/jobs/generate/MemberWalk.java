package io.meshlake.jobs.generate;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Samples the members of one extract and their claims, in the one order every output format follows,
 * so a CSV extract and a FHIR extract of the same options describe the same members, encounters and
 * claims with the same ids.
 *
 * <p>Each member draws from its own random stream, derived from the seed and its ordinal, so a
 * member's data does not depend on which extract (member range) it is generated in. Malformation
 * draws from a separate stream, so the underlying data is the same whatever {@code badFraction}.
 */
final class MemberWalk {

  /** Progress is reported after every this many members. */
  static final int PROGRESS_EVERY_MEMBERS = 1_000;

  private static final long MEMBER_STREAM = Rng.salt("member");
  private static final long MALFORM_STREAM = Rng.salt("malformation");

  /** Receives each member, then each of its claims; the instances are refilled for the next. */
  interface Visitor {
    void member(Member member, CoverageHistory coverage, Rng malformRng) throws IOException;

    void claim(Member member, CoverageHistory coverage, ClaimPlan claim, Rng malformRng) throws IOException;
  }

  private MemberWalk() {}

  /**
   * Walks the members of {@code options}.
   *
   * @param membersDone called with the number of members walked after every {@link
   *     #PROGRESS_EVERY_MEMBERS} of them, except after the last
   */
  static void walk(GeneratorOptions options, ReferenceData reference, Visitor visitor, LongConsumer membersDone)
      throws IOException {
    long seed = options.seed();
    MemberSampler memberSampler = new MemberSampler(new IdGenerator(seed, "patient"), reference);
    ClaimSampler claimSampler =
        new ClaimSampler(new IdGenerator(seed, "claim"), new IdGenerator(seed, "appointment"), reference);
    Member member = new Member();
    CoverageHistory coverage = new CoverageHistory();
    ClaimPlan claim = new ClaimPlan();
    long[] serviceSeconds = new long[Distributions.MAX_CLAIMS];
    Rng rng = new Rng(0);
    Rng malformRng = new Rng(0);
    long first = options.firstMember();
    long last = first + options.members();
    for (long ordinal = first; ordinal < last; ordinal++) {
      rng.reseed(seed, MEMBER_STREAM, ordinal);
      malformRng.reseed(seed, MALFORM_STREAM, ordinal);
      memberSampler.sample(member, ordinal, rng);
      coverage.sample(member, reference, rng);
      visitor.member(member, coverage, malformRng);
      int claimCount = Distributions.claimCount(rng, member.ageYears);
      sampleServiceTimes(member, claimCount, serviceSeconds, rng);
      for (int c = 0; c < claimCount; c++) {
        claimSampler.sample(claim, member, coverage, c, serviceSeconds[c], rng);
        visitor.claim(member, coverage, claim, malformRng);
      }
      if ((ordinal - first + 1) % PROGRESS_EVERY_MEMBERS == 0 && ordinal + 1 < last) {
        membersDone.accept(ordinal - first + 1);
      }
    }
  }

  /**
   * Fills {@code into[0, count)} with ascending service times within the member's life and the
   * simulated period; most fall in 2015 or later.
   */
  private static void sampleServiceTimes(Member m, int count, long[] into, Rng rng) {
    long lifeEnd = m.lifeEndSecond();
    long windowStart =
        Math.max(m.birthSecond(), Timeline.HISTORY_START_DAY * IsoDates.SECONDS_PER_DAY);
    long focusStart =
        Math.max(windowStart, Timeline.CLAIMS_FOCUS_START_DAY * IsoDates.SECONDS_PER_DAY);
    if (focusStart >= lifeEnd) {
      focusStart = windowStart;
    }
    for (int i = 0; i < count; i++) {
      into[i] = rng.nextLong(rng.chance(0.85) ? focusStart : windowStart, lifeEnd);
    }
    Arrays.sort(into, 0, count);
  }
}
