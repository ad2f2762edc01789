package io.meshlake.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshlake.lineage.LineageSettings;
import io.meshlake.spark.IcebergSettings;
import io.meshlake.table.FormatSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A meshlake environment (conf/local.yaml, conf/cluster.yaml): where the warehouse and the default
 * extract folder are, how Spark and the Iceberg catalog are configured, and ingest settings. Command-line
 * flags override it.
 *
 * @param name the environment's name
 * @param warehouse folder (or URI) of the tables; relative paths resolve against the working directory
 * @param input the default extract folder of {@code meshlake run}
 * @param spark Spark settings
 * @param ingest ingest settings
 * @param governance where the governance policies and, for development, the pseudonym key are
 * @param lineage where the OpenLineage events of every table build go
 * @param iceberg which catalog keeps the Iceberg tables: a Hadoop catalog in the warehouse (the default) or a
 *     JDBC catalog shared with other engines
 * @param formats the table format of gold data products where the environment decides (Delta by default)
 */
public record Environment(String name, String warehouse, String input, SparkSettings spark, IngestSettings ingest,
    GovernanceSettings governance, LineageSettings lineage, IcebergSettings iceberg, FormatSettings formats) {

  public Environment {
    require(name, "name");
    require(warehouse, "warehouse");
    require(input, "input");
    spark = spark == null ? new SparkSettings(null, Map.of()) : spark;
    ingest = ingest == null ? new IngestSettings(64) : ingest;
    governance = governance == null ? new GovernanceSettings(null, null) : governance;
    lineage = lineage == null ? LineageSettings.DEFAULT : lineage;
    iceberg = iceberg == null ? IcebergSettings.DEFAULT : iceberg;
    formats = formats == null ? FormatSettings.DEFAULT : formats;
  }

  /**
   * An environment with the bundled governance policies, no development key, lineage events in the
   * default file, and a Hadoop Iceberg catalog in the warehouse.
   */
  public Environment(String name, String warehouse, String input, SparkSettings spark, IngestSettings ingest) {
    this(name, warehouse, input, spark, ingest, null, null, null, null);
  }

  /** This environment with another Iceberg catalog. */
  public Environment withIceberg(IcebergSettings catalog) {
    return new Environment(name, warehouse, input, spark, ingest, governance, lineage, catalog, formats);
  }

  /** This environment with other product formats. */
  public Environment withFormats(FormatSettings productFormats) {
    return new Environment(name, warehouse, input, spark, ingest, governance, lineage, iceberg, productFormats);
  }

  /**
   * Spark settings.
   *
   * @param master the master URL for embedded runs, e.g. {@code local[2]}; ignored under spark-submit
   * @param conf Spark properties ({@code spark.*}), applied before command-line {@code --conf}
   */
  public record SparkSettings(String master, Map<String, String> conf) {
    public SparkSettings {
      conf = conf == null ? Map.of() : Map.copyOf(new TreeMap<>(conf));
    }

    /** The master URL, if the environment sets one. */
    public Optional<String> masterUrl() {
      return Optional.ofNullable(master);
    }
  }

  /**
   * Ingest settings.
   *
   * @param splitMb files are read in parallel byte ranges of this many MiB
   */
  public record IngestSettings(@JsonProperty("split-mb") int splitMb) {
    public IngestSettings {
      if (splitMb < 1) {
        throw new IllegalArgumentException("ingest.split-mb must be at least 1, got " + splitMb);
      }
    }

    /** The split size in bytes. */
    public long splitBytes() {
      return splitMb * 1024L * 1024L;
    }
  }

  /**
   * Governance settings. Pseudonym keys themselves are never configuration: they come from
   * {@code MESHLAKE_PSEUDONYM_KEY} or {@code MESHLAKE_PSEUDONYM_KEY_FILE}.
   *
   * @param policies a folder of policy files ({@code consumer-classes.yaml}, {@code consent.yaml},
   *     {@code standards.yaml}) that win over the bundled {@code conf/governance/}; a file it lacks comes
   *     from the bundle. Relative to the working directory.
   * @param devKey for development only: a keyring file used when neither key variable is set, created
   *     (with a random key, mode 600) if missing, e.g. {@code ~/.meshlake/dev-pseudonym.key}. Leave it out
   *     wherever real data is processed.
   */
  public record GovernanceSettings(String policies, @JsonProperty("dev-key") String devKey) {
    /** The policy folder, if the environment has its own. */
    public Optional<Path> policyFolder() {
      return Optional.ofNullable(policies).map(Environment::path);
    }

    /** The development key file, if the environment allows one. */
    public Optional<Path> devKeyFile() {
      return Optional.ofNullable(devKey).map(Environment::path);
    }
  }

  /** A path with a leading {@code ~} meaning the user's home folder. */
  private static Path path(String text) {
    return text.equals("~") || text.startsWith("~/")
        ? Path.of(System.getProperty("user.home") + text.substring(1))
        : Path.of(text);
  }

  /** This environment with another warehouse. */
  public Environment withWarehouse(String folder) {
    return new Environment(name, folder, input, spark, ingest, governance, lineage, iceberg, formats);
  }

  /**
   * Loads an environment: {@code name} is looked up as {@code conf/<name>.yaml} in the folder named by
   * the {@code MESHLAKE_CONF} environment variable, else on the classpath (the job jar bundles conf/).
   */
  public static Environment load(String name) {
    String dir = System.getenv("MESHLAKE_CONF");
    if (dir != null && Files.exists(Path.of(dir, name + ".yaml"))) {
      return loadFile(Path.of(dir, name + ".yaml"));
    }
    String resource = "conf/" + name + ".yaml";
    try (InputStream in = Environment.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No environment '" + name + "': expected " + resource
            + " on the classpath or in $MESHLAKE_CONF. Use --env local or --env cluster, or --env-file PATH");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Loads an environment from a YAML file. */
  public static Environment loadFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read environment file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Environment parse(InputStream in, String source) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      return yaml.readValue(in, Environment.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(source + ": unknown setting '" + e.getPropertyName() + "' at line "
          + e.getLocation().getLineNr() + ". Known settings here: " + e.getKnownPropertyIds(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A setting's own check (a record constructor, an enum) says best what is wrong and what to do.
      String message = e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : e.getOriginalMessage();
      throw new IllegalArgumentException(source + ": " + message + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()), e);
    }
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Environment setting '" + key + "' is required");
    }
  }
}
