package io.meshlake.api;

import io.meshlake.ingest.ExtractFormat;
import io.meshlake.ingest.FhirResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a domain declares: its bronze ingests, silver tables and gold data products. Immutable;
 * built with {@link #builder(String)}.
 */
public record DomainSpec(String name, List<TableSpec> tables) {

  public DomainSpec {
    TableId.requireSnakeCase("domain", name);
    tables = List.copyOf(tables);
    Set<String> seen = new HashSet<>();
    for (TableSpec table : tables) {
      if (!seen.add(table.id().name())) {
        throw new IllegalArgumentException(
            "Domain " + name + " declares table '" + table.id().name()
                + "' twice: table names must be unique within a domain, across layers");
      }
    }
  }

  /** Starts a domain declaration. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The table with this name in this domain, if declared. */
  public Optional<TableSpec> table(String tableName) {
    return tables.stream().filter(t -> t.id().name().equals(tableName)).findFirst();
  }

  /** Collects a domain's declarations in order. */
  public static final class Builder {
    private final String name;
    private final List<TableSpec> tables = new ArrayList<>();

    private Builder(String name) {
      TableId.requireSnakeCase("domain", name);
      this.name = name;
    }

    /** A bronze table filled from extract files of this format, e.g. a {@link io.meshlake.ingest.CsvLayout}. */
    public Builder ingest(String table, ExtractFormat format) {
      return ingest(table, format, null);
    }

    /** A bronze table filled from extract files of this format, with a description. */
    public Builder ingest(String table, ExtractFormat format, String description) {
      tables.add(new IngestTable(new TableId(name, Layer.BRONZE, table), format, description));
      return this;
    }

    /**
     * A bronze table of FHIR R4 resources of these types, from Bulk Data NDJSON files and Bundles alike:
     * {@code ingestFhir("encounters_raw", "Encounter")}. See {@link FhirResources}.
     */
    public Builder ingestFhir(String table, String... resourceTypes) {
      return ingest(table, FhirResources.of(resourceTypes));
    }

    /** A silver table. */
    public Builder silver(Table table) {
      tables.add(table.build(name, Layer.SILVER));
      return this;
    }

    /** A gold data product. */
    public Builder gold(Table table) {
      tables.add(table.build(name, Layer.GOLD));
      return this;
    }

    public DomainSpec build() {
      return new DomainSpec(name, tables);
    }
  }
}
