package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the cluster job jar with spark-submit to the Spark standalone cluster of the integration stack
 * (master and worker from the pyspark distribution, whose jars come first on executors).
 */
class SparkClusterIT extends SparkTestBase {
  @TempDir
  static Path work;

  @Test
  void memberThenClaimsRunOnTheClusterAndTheirGoldMatchesTheExtract() {
    Path extract = IntegrationStack.copyFixture(work.resolve("extract"));
    Path warehouse = work.resolve("warehouse");
    for (String domain : List.of("member", "claims")) {
      Path log = work.resolve("submit-" + domain + ".log");
      int status = IntegrationStack.sparkSubmit(log, List.of("--class", "io.meshlake.jobs.Meshlake",
          IntegrationStack.clusterJar().toString(), "run", domain, "--env", IntegrationStack.ENV,
          "--warehouse", warehouse.toString(), "--input", extract.toString(),
          "--as-of", RawCsv.sampleAsOf(IntegrationStack.FIXTURE, domain).toString()));
      assertThat(status).as("spark-submit run %s; its log ends:%n%s", domain, IntegrationStack.tail(log)).isZero();
    }
    GoldChecks.assertGoldMatchesExtract(spark(), warehouse, extract);
  }

  @Test
  void hapiInTheClusterJarParsesAFhirPatientInsideExecutors() throws IOException {
    Path probe = work.resolve("fhir-probe.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(probe))) {
      String entry = FhirPatientProbe.class.getName().replace('.', '/') + ".class";
      jar.putNextEntry(new JarEntry(entry));
      Files.copy(Path.of("target/test-classes").resolve(entry), jar);
      jar.closeEntry();
    }
    Path log = work.resolve("submit-fhir-probe.log");
    int status = IntegrationStack.sparkSubmit(log, List.of("--class", FhirPatientProbe.class.getName(),
        "--jars", IntegrationStack.clusterJar().toString(), probe.toString()));

    assertThat(status).as("spark-submit of the FHIR probe; its log ends:%n%s", IntegrationStack.tail(log)).isZero();
    List<String> seen = Files.readAllLines(log).stream().filter(l -> l.startsWith("PROBE ")).toList();
    assertThat(seen).hasSize(4).allSatisfy(line -> assertThat(line)
        .startsWith("PROBE p1 Everyman 1970-01-31")
        .as("the executors' own Guava is the distribution's old one, so HAPI works only through the relocated copy")
        .contains("guava-14"));
  }
}
