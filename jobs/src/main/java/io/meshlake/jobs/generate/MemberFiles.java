package io.meshlake.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams the {@code patients}, {@code payer_transitions}, {@code claims} and {@code
 * claims_transactions} rows of the members of one extract, as {@link MemberWalk} samples them.
 */
final class MemberFiles {

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
      MemberWalk.walk(options, reference, new MemberWalk.Visitor() {
        @Override
        public void member(Member member, CoverageHistory coverage, Rng malformRng) throws IOException {
          patients.write(member, malformRng);
          transitions.write(member, coverage, malformRng);
        }

        @Override
        public void claim(Member member, CoverageHistory coverage, ClaimPlan claim, Rng malformRng)
            throws IOException {
          claims.write(member, claim, malformRng);
          transactions.write(member, claim, malformRng);
        }
      }, members -> progress.accept(rowsBefore + rows(writers)));
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
  static void closeAll(Iterable<? extends Closeable> writers) throws IOException {
    IOException failure = null;
    for (Closeable w : writers) {
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
