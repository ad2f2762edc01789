package io.meshlake.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.api.TableId;
import io.meshlake.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which format a table is kept in: the environment's product entry, the contract, the environment's default. */
class TableFormatsTest {
  @TempDir
  Path folder;

  private static final TableId COSTS = TableId.parse("claims_gold.member_month_costs");
  private static final TableId PMPM = TableId.parse("claims_gold.payer_pmpm");

  /** Formats where only payer_pmpm's contract chooses one (Iceberg). */
  private static TableFormats formats(FormatSettings settings) {
    return new TableFormats(settings, id -> id.equals(PMPM) ? Optional.of(TableFormat.ICEBERG) : Optional.empty());
  }

  @Test
  void productsAreDeltaUnlessTheirContractChooses() {
    TableFormats formats = formats(FormatSettings.DEFAULT);
    assertThat(formats.of(COSTS)).isEqualTo(TableFormat.DELTA);
    assertThat(formats.of(PMPM)).isEqualTo(TableFormat.ICEBERG);
  }

  @Test
  void theEnvironmentsDefaultAppliesWhereTheContractIsSilentAndItsProductEntryWinsOverTheContract() {
    TableFormats formats = formats(new FormatSettings(TableFormat.ICEBERG,
        Map.of("claims_gold.payer_pmpm", TableFormat.DELTA)));
    assertThat(formats.of(COSTS)).isEqualTo(TableFormat.ICEBERG);
    assertThat(formats.of(PMPM)).isEqualTo(TableFormat.DELTA);
  }

  @Test
  void aQuarantineTableFollowsItsProductAndBronzeAndSilverAreAlwaysDelta() {
    TableFormats formats = formats(FormatSettings.all(TableFormat.ICEBERG));
    assertThat(formats.of(TableId.parse("claims_gold.payer_pmpm_quarantine"))).isEqualTo(TableFormat.ICEBERG);
    assertThat(formats.of(TableId.parse("claims_silver.claims"))).isEqualTo(TableFormat.DELTA);
    assertThat(formats.of(TableId.parse("claims_bronze.claims_raw"))).isEqualTo(TableFormat.DELTA);
  }

  @Test
  void settingsNamingNoProductOrAnUnknownFormatAreRefusedWithTheFix() {
    assertThatThrownBy(() -> new FormatSettings(null, Map.of("claims_silver.claims", TableFormat.ICEBERG)))
        .hasMessageContaining("claims_silver.claims, a silver table: only gold data products choose a format");
    assertThatThrownBy(() -> new FormatSettings(null, Map.of("payer_pmpm", TableFormat.ICEBERG)))
        .hasMessageContaining("write <domain>_gold.<product>");
    assertThatThrownBy(() -> TableFormat.of("hudi"))
        .hasMessageContaining("Unknown table format 'hudi': use one of delta, iceberg");
  }

  @Test
  void anEnvironmentFileSetsTheDefaultAndPerProductFormats() throws IOException {
    Path file = folder.resolve("env.yaml");
    Files.writeString(file, String.join("\n", "name: test", "warehouse: w", "input: x", "formats:",
        "  default: iceberg", "  products:", "    claims_gold.payer_pmpm: delta", ""));

    FormatSettings formats = Environment.loadFile(file).formats();

    assertThat(formats.defaultFormat()).isEqualTo(TableFormat.ICEBERG);
    assertThat(formats.products()).containsExactly(Map.entry("claims_gold.payer_pmpm", TableFormat.DELTA));
    assertThat(Environment.load("local").formats()).isEqualTo(FormatSettings.DEFAULT);
  }

  @Test
  void anEnvironmentFileWithABadFormatNamesTheLineAndTheChoices() throws IOException {
    Path file = folder.resolve("env.yaml");
    Files.writeString(file, String.join("\n", "name: test", "warehouse: w", "input: x", "formats:",
        "  products:", "    claims_gold.payer_pmpm: parquet", ""));

    assertThatThrownBy(() -> Environment.loadFile(file))
        .hasMessageContaining("Unknown table format 'parquet': use one of delta, iceberg")
        .hasMessageContaining("line 6");
  }
}
