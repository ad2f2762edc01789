package io.meshlake.jobs;

import io.meshlake.jobs.generate.FhirBulkGenerator;
import io.meshlake.jobs.generate.GenerationReport;
import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlake generate}: writes a synthetic Synthea-CSV extract, or the same members as FHIR NDJSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a synthetic extract in the Synthea CSV layout (patients, payer_transitions, claims,"
        + " claims_transactions, providers with valid NPIs, organizations, payers), with a chosen fraction of"
        + " malformed rows. Same options and seed, same bytes.",
        "About 270 claim transaction lines per member: --members 8000 gives ~2.1M lines."},
    footer = {"", "Examples:",
        "  ./meshlake generate --members 1000 --out extract",
        "  ./meshlake generate --members 10 --out extract --first-member 1000 --part p0002   # new members, new files",
        "  ./meshlake generate --members 500 --out bad --bad-fraction 0.05",
        "  ./meshlake generate --members 1000 --out fhir --fhir   # the same members as FHIR NDJSON"})
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--members", required = true, paramLabel = "N", description = "How many members (patients).")
  int members;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created if needed).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bad-fraction", defaultValue = "0", paramLabel = "F",
      description = "Fraction of rows written malformed, 0 <= F < 1 (default ${DEFAULT-VALUE}).")
  double badFraction;

  @Option(names = "--first-member", defaultValue = "0", paramLabel = "K",
      description = "Ordinal of the first member, for increments with new members (default ${DEFAULT-VALUE}).")
  int firstMember;

  @Option(names = "--part", paramLabel = "NAME",
      description = "Name files <file>.NAME.csv instead of <file>.csv, so an increment lands beside earlier files.")
  String part;

  @Option(names = "--fhir",
      description = "Write FHIR R4 Bulk Data NDJSON (<Type>.ndjson per resource type) for the same members, with the"
          + " same ids, instead of the CSV files.")
  boolean fhir;

  @Override
  public Integer call() throws Exception {
    GeneratorOptions options = GeneratorOptions.of(members, out).withSeed(seed).withBadFraction(badFraction)
        .withFirstMember(firstMember).withPart(part);
    GenerationReport report = fhir ? FhirBulkGenerator.generate(options) : SyntheaCsvGenerator.generate(options);
    System.out.println(report.summary());
    return 0;
  }
}
