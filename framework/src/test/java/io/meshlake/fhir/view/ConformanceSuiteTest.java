package io.meshlake.fhir.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.fhir.view.conformance.CaseResult;
import io.meshlake.fhir.view.conformance.ConformanceSuite;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every file of the SQL on FHIR v2 conformance suite (copied under
 * {@code sql-on-fhir-v2-tests/}) passes with the plain-Java engine: one dynamic test per case.
 */
class ConformanceSuiteTest {
  static Path suiteFolder() {
    try {
      return Path.of(Objects.requireNonNull(ConformanceSuiteTest.class.getResource("/sql-on-fhir-v2-tests/basic.json"))
          .toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestFactory
  Stream<DynamicNode> everyCaseOfEveryFilePasses() throws IOException {
    List<DynamicNode> files = new ArrayList<>();
    for (Path file : ConformanceSuite.files(suiteFolder())) {
      List<DynamicTest> cases = ConformanceSuite.run(file).stream()
          .map(result -> DynamicTest.dynamicTest(result.name(),
              () -> assertThat(result.error()).as(result.name()).isNull()))
          .toList();
      files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
    }
    return files.stream();
  }

  @Test
  void theSuiteHasItsTwelveFilesAndEveryCaseRuns() throws IOException {
    List<Path> files = ConformanceSuite.files(suiteFolder());
    assertThat(files).hasSize(12);
    int cases = 0;
    for (Path file : files) {
      List<CaseResult> results = ConformanceSuite.run(file);
      assertThat(results).as(file.getFileName().toString()).isNotEmpty();
      cases += results.size();
    }
    assertThat(cases).isEqualTo(77);
  }
}
