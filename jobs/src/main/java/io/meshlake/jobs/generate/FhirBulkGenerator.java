package io.meshlake.jobs.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Generates a synthetic FHIR R4 Bulk Data extract: one NDJSON file per resource type ({@code
 * Patient.ndjson}, {@code Observation.<part>.ndjson}, ...) for the same members, encounters and claims
 * as {@link SyntheaCsvGenerator} with the same options, with the same ids (a Patient's id is the CSV
 * patient's {@code Id}, a Claim's the CSV claim's {@code Id}), so FHIR and CSV domains join. Observation
 * heavy: eight vital signs per encounter. Reference data (Organization, Location, Practitioner,
 * PractitionerRole) is written with a first extract ({@code firstMember == 0}).
 *
 * <p>Resources are streamed, so memory use does not grow with the member count; the same options give
 * byte-identical files. With {@code badFraction}, that share of member resource lines is damaged in one
 * of the {@link Malformation} ways.
 */
public final class FhirBulkGenerator {
  private FhirBulkGenerator() {}

  /**
   * Generates the FHIR extract described by {@code options}.
   *
   * @return resources and malformed resources written per file, and the elapsed time
   * @throws IOException if the output directory cannot be created or a file cannot be written
   */
  public static GenerationReport generate(GeneratorOptions options) throws IOException {
    Objects.requireNonNull(options, "options must not be null: pass e.g. GeneratorOptions.of(1000, out)");
    long started = System.nanoTime();
    Files.createDirectories(options.out());
    ReferenceData reference = ReferenceData.create(options.seed());
    Map<String, GenerationReport.FileReport> reports = new LinkedHashMap<>();
    FhirFiles files = new FhirFiles(options.out(), options.part());
    try {
      if (options.firstMember() == 0) {
        FhirReferenceResources.write(files, reference, options.seed());
      }
      MemberWalk.walk(options, reference,
          new FhirMemberResources(options.seed(), files, new Malformer(options.badFraction()), reference), members -> { });
    } finally {
      files.close();
    }
    files.reports().forEach(r -> reports.put(r.fileName(), r));
    return new GenerationReport(reports, Duration.ofNanos(System.nanoTime() - started));
  }
}
