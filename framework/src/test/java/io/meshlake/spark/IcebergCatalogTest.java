package io.meshlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import scala.collection.JavaConverters;

/** The {@code iceberg:} section of an environment as Spark properties, without a database. */
class IcebergCatalogTest {
  private static final Map<String, String> PASSWORD = Map.of(IcebergSettings.PASSWORD_VARIABLE, "pw-from-env");

  @TempDir
  Path folder;

  @Test
  void withoutASectionTheCatalogIsAHadoopCatalogInTheWarehousesIcebergFolder() throws IOException {
    Map<String, String> conf = Sessions.properties(environment(""), Map.of(), PASSWORD::get);

    assertThat(conf).containsEntry("spark.sql.catalog.iceberg", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.iceberg.catalog-impl", "io.meshlake.governance.GuardedHadoopCatalog")
        .containsEntry("spark.sql.catalog.iceberg.warehouse", folder.resolve("wh").toAbsolutePath() + "/_iceberg")
        .doesNotContainKeys("spark.sql.catalog.iceberg.type", "spark.sql.catalog.iceberg.uri",
            "spark.sql.catalog.iceberg.jdbc.user", "spark.sql.catalog.iceberg.jdbc.password");
    assertThat(IcebergCatalog.defaultWarehouse("s3a://lake/warehouse/")).isEqualTo("s3a://lake/warehouse/_iceberg");
  }

  @Test
  void aJdbcSectionIsAJdbcCatalogWithThePasswordFromTheVariable() throws IOException {
    Environment env = environment("""
        iceberg:
          catalog: jdbc
          uri: jdbc:postgresql://db:5432/meshlake
          user: lake
        """);

    Map<String, String> conf = Sessions.properties(env, Map.of(), PASSWORD::get);

    assertThat(conf).containsEntry("spark.sql.catalog.iceberg", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.iceberg.catalog-impl", "io.meshlake.governance.GuardedJdbcCatalog")
        .doesNotContainKey("spark.sql.catalog.iceberg.type")
        .containsEntry("spark.sql.catalog.iceberg.uri", "jdbc:postgresql://db:5432/meshlake")
        .containsEntry("spark.sql.catalog.iceberg.jdbc.user", "lake")
        .containsEntry("spark.sql.catalog.iceberg.jdbc.password", "pw-from-env")
        .containsEntry("spark.sql.catalog.iceberg.warehouse", folder.resolve("wh").toAbsolutePath() + "/_iceberg");
  }

  @Test
  void theSectionsWarehouseAndExplicitCatalogKeysWin() throws IOException {
    Environment env = environment("""
        spark:
          conf:
            spark.sql.catalog.iceberg.uri: jdbc:postgresql://from-spark-conf/meshlake
        iceberg:
          catalog: jdbc
          uri: jdbc:postgresql://db:5432/meshlake
          user: lake
          warehouse: s3a://lake/iceberg
        """);

    Map<String, String> conf = Sessions.properties(env, Map.of("spark.sql.catalog.iceberg.jdbc.user", "from-cli"),
        PASSWORD::get);

    assertThat(conf).containsEntry("spark.sql.catalog.iceberg.uri", "jdbc:postgresql://from-spark-conf/meshlake")
        .containsEntry("spark.sql.catalog.iceberg.jdbc.user", "from-cli")
        .containsEntry("spark.sql.catalog.iceberg.warehouse", "s3a://lake/iceberg");
  }

  @Test
  void aCatalogTypeSettingIsRefusedNamingTheSectionThatReplacesIt() throws IOException {
    Environment env = environment("spark:\n  conf:\n    spark.sql.catalog.iceberg.type: rest\n");

    assertThatThrownBy(() -> Sessions.properties(env, Map.of(), PASSWORD::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Remove the setting spark.sql.catalog.iceberg.type=rest: the catalog iceberg is"
            + " io.meshlake.governance.GuardedHadoopCatalog (spark.sql.catalog.iceberg.catalog-impl")
        .hasMessageEndingWith("Choose the catalog with the environment's iceberg.catalog: hadoop or jdbc");
    assertThatThrownBy(() -> Sessions.properties(environment(""), Map.of("spark.sql.catalog.iceberg.type", "hadoop"),
        PASSWORD::get)).hasMessageStartingWith("Remove the setting spark.sql.catalog.iceberg.type=hadoop");
  }

  @Test
  void aJdbcCatalogWithoutThePasswordVariableSaysWhichVariableToSet() {
    IcebergSettings jdbc = new IcebergSettings(IcebergSettings.Catalog.JDBC, "jdbc:postgresql://db/m", "lake", null);

    assertThatThrownBy(() -> IcebergCatalog.properties(jdbc, "wh", Map.<String, String>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESHLAKE_ICEBERG_JDBC_PASSWORD is not set: export it")
        .hasMessageContaining("jdbc:postgresql://db/m as lake");
  }

  @Test
  void aMisconfiguredSectionNamesTheValueAndTheFix() {
    assertThatThrownBy(() -> environment("iceberg:\n  catalog: nessie\n"))
        .hasMessageContaining("Unknown iceberg.catalog 'nessie': use one of hadoop, jdbc");
    assertThatThrownBy(() -> environment("iceberg:\n  catalog: jdbc\n  user: lake\n"))
        .hasMessageContaining("iceberg.uri is required with catalog: jdbc: set it to");
    assertThatThrownBy(() -> environment("iceberg:\n  catalog: jdbc\n  uri: postgresql://db/m\n  user: lake\n"))
        .hasMessageContaining("iceberg.uri must be a JDBC URL").hasMessageContaining("'postgresql://db/m'");
    assertThatThrownBy(() -> environment("iceberg:\n  catalog: jdbc\n  uri: jdbc:postgresql://db/m\n"))
        .hasMessageContaining("iceberg.user is required with catalog: jdbc");
    assertThatThrownBy(() -> environment(
        "iceberg:\n  catalog: jdbc\n  uri: jdbc:postgresql://db/m?user=lake&password=x\n  user: lake\n"))
        .hasMessageContaining("iceberg.uri must not carry a password").hasMessageContaining("MESHLAKE_ICEBERG_JDBC_PASSWORD")
        .hasMessageNotContaining("password=x");
    assertThatThrownBy(() -> environment("iceberg:\n  uri: jdbc:postgresql://db/m\n"))
        .hasMessageContaining("iceberg.uri applies to catalog jdbc, but iceberg.catalog is hadoop");
  }

  @Test
  void sparksDefaultRedactionHidesThePassword() {
    SparkConf defaults = new SparkConf(false);
    List<Tuple2<String, String>> entries = List.of(new Tuple2<>(IcebergCatalog.PASSWORD, "pw-from-env"),
        new Tuple2<>(IcebergCatalog.USER, "lake"));

    List<Tuple2<String, String>> shown = JavaConverters.seqAsJavaList(
        Utils.redact(defaults, JavaConverters.asScalaBuffer(entries).toSeq()));

    assertThat(shown).extracting(Tuple2::_2).doesNotContain("pw-from-env").contains("lake");
  }

  private Environment environment(String section) throws IOException {
    Path file = folder.resolve("env.yaml");
    Files.writeString(file, "name: t\nwarehouse: " + folder.resolve("wh") + "\ninput: in\n" + section);
    return Environment.loadFile(file);
  }
}
