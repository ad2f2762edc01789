package io.meshlake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
  private static Contract contract(String version, ContractColumn... columns) {
    return new Contract("costs", "claims", "team@example.org", "costs per member", SemanticVersion.parse(version),
        List.of("member_id"), List.of(columns), List.of(), List.of("finance"), "operations", null, null);
  }

  private static ContractColumn column(String name, String type, boolean nullable) {
    return new ContractColumn(name, type, nullable, "the " + name, Classification.NONE);
  }

  @Test
  void theBuildMustProduceExactlyTheContractedColumnsAndTypes() {
    Contract c = contract("1.0.0", column("member_id", "string", false), column("amount", "decimal(18, 2)", true));
    StructType schema = new StructType()
        .add("member_id", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType)
        .add("extra", DataTypes.IntegerType);
    assertThat(SchemaCheck.conformance(c, schema)).containsExactly(
        "column amount is double but the contract says decimal(18,2)",
        "column extra is produced but not in the contract: add it (with type, description and classification) or stop producing it");
    assertThat(SchemaCheck.conformance(c, new StructType().add("member_id", DataTypes.StringType)))
        .containsExactly("column amount is promised by the contract but the build does not produce it");
  }

  @Test
  void droppingRetypingOrLooseningARequiredColumnNeedsANewMajorVersion() {
    Contract published = contract("1.2.0", column("member_id", "string", false), column("amount", "double", true),
        column("note", "string", true));
    Contract next = contract("1.3.0", column("member_id", "string", true), column("amount", "decimal(18,2)", true));
    List<String> changes = SchemaCheck.breakingChanges(PublishedSchema.of(published), next);
    assertThat(changes).containsExactly("member_id made nullable", "amount retyped double -> decimal(18,2)", "note dropped");
    assertThat(SchemaCheck.breakingMessage("claims_gold.costs", PublishedSchema.of(published), next, changes))
        .contains("raise the version to 2.0.0").contains("finance");
    Contract major = contract("2.0.0", column("member_id", "string", true), column("amount", "decimal(18,2)", true));
    assertThat(SchemaCheck.breakingChanges(PublishedSchema.of(published), major)).isEmpty();
    Contract additive = contract("1.3.0", column("member_id", "string", false), column("amount", "double", true),
        column("note", "string", true), column("added", "string", true));
    assertThat(SchemaCheck.breakingChanges(PublishedSchema.of(published), additive)).isEmpty();
  }

  @Test
  void thePublishedSchemaSurvivesTheTableProperty() {
    PublishedSchema schema = PublishedSchema.of(contract("1.0.0", column("member_id", "string", false),
        column("amount", "decimal(18,2)", true)));
    assertThat(PublishedSchema.decode("1.0.0", schema.encodeColumns())).isEqualTo(schema);
  }

  @Test
  void contractsNameWhatIsMissing() {
    assertThatThrownBy(() -> contract("1.0", column("member_id", "string", false)))
        .hasMessageContaining("'1.0' is not a semantic version");
    assertThatThrownBy(() -> new ContractColumn("x", "string", true, "d", null))
        .hasMessageContaining("Column x needs a classification: phi, pii, sensitive or none");
    assertThatThrownBy(() -> new Contract("costs", "claims", "o", "d", SemanticVersion.parse("1.0.0"),
        List.of("nope"), List.of(column("member_id", "string", false)), List.of(), List.of(), null, null, null))
        .hasMessageContaining("Primary key column nope of costs is not among its columns");
  }
}
