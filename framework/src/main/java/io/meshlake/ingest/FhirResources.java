package io.meshlake.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * FHIR R4 resources of the given types, from whichever of two shapes the extract folder holds — it is
 * detected per file, never configured:
 *
 * <ul>
 *   <li>Bulk Data NDJSON, one resource per line and one type per file: {@code <Type>.ndjson}, {@code
 *       <Type>.<part>.ndjson} (e.g. {@code Observation.000.ndjson}), either gzipped ({@code .gz}). A line
 *       whose resource is of another type than its file name says is refused.
 *   <li>JSON files ({@code *.json[.gz]}): a Bundle (transaction, batch, collection, searchset, ...) whose
 *       entries of the given types are taken, other entries being left to the tables that declare their
 *       types; or a single resource. Bundle references to an entry's {@code fullUrl} (such as {@code
 *       urn:uuid:...}) are rewritten to that entry's {@code Type/id}.
 * </ul>
 *
 * <p>Bronze keeps, per resource: {@value #RESOURCE_TYPE}, {@value #ID}, {@value #VERSION_ID} ({@code
 * meta.versionId}), {@value #LAST_UPDATED} ({@code meta.lastUpdated}) and {@value #RESOURCE}, the
 * resource's JSON as landed (an NDJSON line unchanged; a Bundle entry's resource with its references
 * resolved and its id kept). The landed text is stored rather than HAPI's re-encoding because bronze
 * holds data as delivered (decimal scale, element order and every extension exactly as sent) and
 * because encoding again would double the cost of the ingest; HAPI still parses every resource,
 * strictly, and a resource it refuses goes to quarantine with HAPI's message.
 */
public record FhirResources(Set<String> resourceTypes) implements ExtractFormat, Serializable {
  /** The resource's type, e.g. {@code Observation}. */
  public static final String RESOURCE_TYPE = "resource_type";
  /** The resource's logical id; with its type it identifies the resource. */
  public static final String ID = "id";
  /** {@code meta.versionId}, when the source sets it. */
  public static final String VERSION_ID = "version_id";
  /** {@code meta.lastUpdated} as a timestamp, when the source sets it. */
  public static final String LAST_UPDATED = "last_updated";
  /** The resource as JSON text. */
  public static final String RESOURCE = "resource";

  private static final Pattern NDJSON = Pattern.compile("([A-Za-z]+)(\\.[A-Za-z0-9_-]+)?\\.ndjson(\\.gz)?");
  private static final Pattern JSON = Pattern.compile(".+\\.json(\\.gz)?");

  public FhirResources {
    if (resourceTypes == null || resourceTypes.isEmpty()) {
      throw new IllegalArgumentException("FHIR resources need at least one resource type, e.g. FhirResources.of(\"Encounter\")");
    }
    for (String type : resourceTypes) {
      if (!isR4ResourceType(type)) {
        throw new IllegalArgumentException("'" + type + "' is not a FHIR R4 resource type: use the type's exact name,"
            + " e.g. Observation or MedicationRequest (see https://hl7.org/fhir/R4/resourcelist.html)");
      }
    }
    resourceTypes = Set.copyOf(new TreeSet<>(resourceTypes));
  }

  /** Resources of these types, e.g. {@code FhirResources.of("Claim", "ExplanationOfBenefit")}. */
  public static FhirResources of(String... resourceTypes) {
    return new FhirResources(Set.of(resourceTypes));
  }

  @Override
  public String name() {
    return "fhir " + String.join(",", new TreeSet<>(resourceTypes));
  }

  @Override
  public boolean matches(String fileName) {
    return ndjsonType(fileName).map(resourceTypes::contains).orElse(JSON.matcher(fileName).matches());
  }

  @Override
  public String describe() {
    List<String> types = List.copyOf(new TreeSet<>(resourceTypes));
    String ndjson = types.size() == 1 ? types.get(0) : "{" + String.join(",", types) + "}";
    return "FHIR " + String.join(", ", types) + " resources: " + ndjson
        + "[.<part>].ndjson[.gz] and the matching entries of Bundles *.json[.gz]";
  }

  @Override
  public StructType schema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField(RESOURCE_TYPE, DataTypes.StringType, false),
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(VERSION_ID, DataTypes.StringType, true),
        DataTypes.createStructField(LAST_UPDATED, DataTypes.TimestampType, true),
        DataTypes.createStructField(RESOURCE, DataTypes.StringType, false)));
  }

  /** The resource type an NDJSON file name declares ({@code Observation.000.ndjson}: Observation), if it is one. */
  static Optional<String> ndjsonType(String fileName) {
    Matcher m = NDJSON.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static boolean isR4ResourceType(String type) {
    for (ResourceType known : ResourceType.values()) {
      if (known.name().equals(type)) {
        return true;
      }
    }
    return false;
  }
}
