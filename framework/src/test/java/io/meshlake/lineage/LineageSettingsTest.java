package io.meshlake.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lineage:} section of environment files: defaults, the shipped environments, and refusals. */
class LineageSettingsTest {
  @TempDir
  Path folder;

  private Environment load(String... lines) throws IOException {
    Path file = folder.resolve("env.yaml");
    Files.writeString(file, "name: test\nwarehouse: w\ninput: x\n" + String.join("\n", lines) + "\n");
    return Environment.loadFile(file);
  }

  @Test
  void withoutASectionEventsGoToTheDefaultFile() throws IOException {
    LineageSettings lineage = load().lineage();

    assertThat(lineage.transport()).isEqualTo(LineageSettings.Transport.FILE);
    assertThat(lineage.filePath()).isEmpty();
    assertThat(lineage.namespace()).isEqualTo("meshlake");
  }

  @Test
  void theShippedEnvironmentsRead() {
    assertThat(Environment.load("local").lineage().transport()).isEqualTo(LineageSettings.Transport.FILE);
    assertThat(Environment.load("cluster").lineage().transport()).isEqualTo(LineageSettings.Transport.FILE);
  }

  @Test
  void httpTakesTheServerAndDefaultsTheOpenLineageEndpoint() throws IOException {
    LineageSettings lineage = load("lineage:", "  transport: http", "  url: http://localhost:5000").lineage();

    assertThat(lineage.transport()).isEqualTo(LineageSettings.Transport.HTTP);
    assertThat(lineage.url()).isEqualTo("http://localhost:5000");
    assertThat(lineage.endpoint()).isEqualTo("/api/v1/lineage");
    assertThat(lineage.timeoutMs()).isEqualTo(5000);
  }

  @Test
  void anUnknownKeyIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> load("lineage:", "  transport: http", "  url: http://localhost:5000", "  api-key: abc"))
        .hasMessageContaining("unknown setting 'api-key'")
        .hasMessageContaining("transport").hasMessageContaining("timeout-ms");
  }

  @Test
  void badValuesSayWhatToWrite() {
    assertThatThrownBy(() -> load("lineage:", "  transport: kafka"))
        .hasMessageContaining("Unknown lineage.transport 'kafka': use one of file, http, none");
    assertThatThrownBy(() -> load("lineage:", "  transport: http"))
        .hasMessageContaining("lineage.url is required with transport: http")
        .hasMessageContaining("url: http://localhost:5000");
    assertThatThrownBy(() -> load("lineage:", "  transport: http", "  url: localhost:5000"))
        .hasMessageContaining("lineage.url must be an http(s) URL such as http://localhost:5000, got 'localhost:5000'");
    assertThatThrownBy(() -> load("lineage:", "  url: http://localhost:5000"))
        .hasMessageContaining("lineage.url applies to transport http, but lineage.transport is file")
        .hasMessageContaining("set transport: http");
    assertThatThrownBy(() -> load("lineage:", "  transport: http", "  url: http://m:5000", "  timeout-ms: 0"))
        .hasMessageContaining("lineage.timeout-ms must be at least 1, got 0");
  }
}
