package io.meshlake.jobs.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Generates the members of one extract and streams their {@code patients}, {@code
 * payer_transitions}, {@code claims} and {@code claims_transactions} rows.
 *
 * <p>Each member draws from its own random stream, derived from the seed and its ordinal, so a
 * member's data does not depend on which extract (member range) it is generated in. Malformation
 * draws from a separate stream, so the underlying data is the same whatever {@code badFraction}.
 */
final class MemberFiles {

  /** Progress is reported after every this many members. */
  private static final int PROGRESS_EVERY_MEMBERS = 1_000;

  private static final long MEMBER_STREAM = Rng.salt("member");
  private static final long MALFORM_STREAM = Rng.salt("malformation");

  private MemberFiles() {}

  /**
   * Writes the member files of {@code options}.
   *
   * @param rowsBefore rows already written by this run, added to the progress figures
   * @param progress receives the run's total rows written so far
   * @return one report per file, in writing order
   */
  static List<GenerationReport.FileReport> write(
      GeneratorOptions options,
      ReferenceData reference,
      RowBuffer row,
      long rowsBefore,
      LongConsumer progress)
      throws IOException {
    long seed = options.seed();
    Malformer malformer = new Malformer(options.badFraction());
    MemberSampler memberSampler = new MemberSampler(new IdGenerator(seed, "patient"), reference);
    ClaimSampler claimSampler =
        new ClaimSampler(
            new IdGenerator(seed, "claim"), new IdGenerator(seed, "appointment"), reference);
    Member member = new Member();
    CoverageHistory coverage = new CoverageHistory();
    ClaimPlan claim = new ClaimPlan();
    long[] serviceSeconds = new long[Distributions.MAX_CLAIMS];
    Rng rng = new Rng(0);
    Rng malformRng = new Rng(0);

    List<CsvTableWriter> writers = new ArrayList<>();
    try {
      CsvTableWriter patientsOut = open(writers, options, SyntheaTable.PATIENTS);
      CsvTableWriter transitionsOut = open(writers, options, SyntheaTable.PAYER_TRANSITIONS);
      CsvTableWriter claimsOut = open(writers, options, SyntheaTable.CLAIMS);
      CsvTableWriter transactionsOut = open(writers, options, SyntheaTable.CLAIMS_TRANSACTIONS);
      PatientsFile patients = new PatientsFile(patientsOut, row, malformer);
      PayerTransitionsFile transitions =
          new PayerTransitionsFile(
              transitionsOut, row, malformer, new IdGenerator(seed, "membership"), reference);
      ClaimsFile claims = new ClaimsFile(claimsOut, row, malformer, reference);
      ClaimTransactionsFile transactions =
          new ClaimTransactionsFile(
              transactionsOut, row, malformer, new IdGenerator(seed, "transaction"), reference);

      long first = options.firstMember();
      long last = first + options.members();
      for (long ordinal = first; ordinal < last; ordinal++) {
        rng.reseed(seed, MEMBER_STREAM, ordinal);
        malformRng.reseed(seed, MALFORM_STREAM, ordinal);
        memberSampler.sample(member, ordinal, rng);
        coverage.sample(member, reference, rng);
        patients.write(member, malformRng);
        transitions.write(member, coverage, malformRng);

        int claimCount = Distributions.claimCount(rng, member.ageYears);
        sampleServiceTimes(member, claimCount, serviceSeconds, rng);
        for (int c = 0; c < claimCount; c++) {
          claimSampler.sample(claim, member, coverage, c, serviceSeconds[c], rng);
          claims.write(member, claim, malformRng);
          transactions.write(member, claim, malformRng);
        }
        if ((ordinal - first + 1) % PROGRESS_EVERY_MEMBERS == 0 && ordinal + 1 < last) {
          progress.accept(rowsBefore + rows(writers));
        }
      }
    } finally {
      closeAll(writers);
    }
    progress.accept(rowsBefore + rows(writers));
    List<GenerationReport.FileReport> reports = new ArrayList<>();
    for (CsvTableWriter w : writers) {
      reports.add(w.report());
    }
    return reports;
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

  private static CsvTableWriter open(
      List<CsvTableWriter> writers, GeneratorOptions options, SyntheaTable table)
      throws IOException {
    CsvTableWriter writer = new CsvTableWriter(options.out(), table, options.part());
    writers.add(writer);
    return writer;
  }

  private static long rows(List<CsvTableWriter> writers) {
    long rows = 0;
    for (CsvTableWriter w : writers) {
      rows += w.rows();
    }
    return rows;
  }

  /** Closes every writer, even if some fail; rethrows the first failure, others suppressed. */
  private static void closeAll(List<CsvTableWriter> writers) throws IOException {
    IOException failure = null;
    for (CsvTableWriter w : writers) {
      try {
        w.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
