package io.meshlake.fhir.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.fhir.view.conformance.ConformanceSuite;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Features of the specification the bundled suite files do not exercise (choice types and ofType,
 * extension, join, %rowIndex, repeat, constant types, arithmetic, boundaries, validation), as hand-written
 * cases in the suite's own format ({@code fhir-view-cases/spec-features.json}).
 */
class SpecFeaturesTest {
  @TestFactory
  Stream<DynamicTest> everyCasePasses() throws IOException, URISyntaxException {
    Path file = Path.of(Objects.requireNonNull(getClass().getResource("/fhir-view-cases/spec-features.json")).toURI());
    return ConformanceSuite.run(file).stream()
        .map(result -> DynamicTest.dynamicTest(result.name(), () -> assertThat(result.error()).as(result.name()).isNull()));
  }
}
