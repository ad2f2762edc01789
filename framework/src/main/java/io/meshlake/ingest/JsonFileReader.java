package io.meshlake.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads FHIR JSON files, one task per file: a Bundle's entries whose resources are of the wanted types,
 * or the file's single resource if it is of one. Before parsing, references to a Bundle entry's
 * {@code fullUrl} ({@code urn:uuid:...} in transaction Bundles) become that entry's {@code Type/id}, and
 * an entry resource without an id takes the uuid of its {@code urn:uuid:} fullUrl. Each entry is parsed
 * on its own, never the Bundle as a whole: HAPI would replace the ids by the fullUrls.
 *
 * <p>Records are numbered by entry index. Entries of other types are not this table's records; an entry
 * without a resourceType is refused, since no table can tell it is its own.
 */
final class JsonFileReader implements FlatMapFunction<Iterator<Tuple2<String, PortableDataStream>>, Row> {
  private static final long serialVersionUID = 1L;
  /** Keeps decimals exactly as written (scale included), as the JSON text is stored. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String URN_UUID = "urn:uuid:";

  private final Set<String> resourceTypes;
  private final String runId;
  private final Instant ingestedAt;
  private final Tally tally;
  private final ResourceParser resources = new ResourceParser();

  JsonFileReader(Set<String> resourceTypes, String runId, Instant ingestedAt, Tally tally) {
    this.resourceTypes = resourceTypes;
    this.runId = runId;
    this.ingestedAt = ingestedAt;
    this.tally = tally;
  }

  /** The bronze rows of the files' resources of the wanted types. */
  JavaRDD<Row> read(SparkSession spark, List<SourceFile> files) {
    String paths = String.join(",", files.stream().map(SourceFile::path).toList());
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .binaryFiles(paths, files.size())
        .mapPartitions(this, true);
  }

  @Override
  public Iterator<Row> call(Iterator<Tuple2<String, PortableDataStream>> files) {
    return new Iterator<>() {
      private Iterator<Row> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && files.hasNext()) {
          Tuple2<String, PortableDataStream> file = files.next();
          current = rows(file._1(), file._2()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  private List<Row> rows(String file, PortableDataStream content) {
    JsonNode root;
    try (InputStream raw = content.open(); InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      root = JSON.readTree(in);
    } catch (IOException e) {
      return refuseFile(file, "not a JSON file: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      return refuseFile(file, "not a FHIR resource or Bundle: the file holds no JSON object");
    }
    List<JsonNode> entries = new ArrayList<>();
    if ("Bundle".equals(root.path("resourceType").asText())) {
      root.path("entry").forEach(entries::add);
    } else {
      entries.add(JSON.createObjectNode().set("resource", root));
    }
    Map<String, String> references = resolvedFullUrls(entries);
    List<Row> rows = new ArrayList<>();
    long taken = 0;
    for (int i = 0; i < entries.size(); i++) {
      JsonNode resource = entries.get(i).get("resource");
      if (resource == null || !resource.isObject()) {
        continue; // a request or response without a resource
      }
      String type = resource.path("resourceType").asText(null);
      if (type != null && !resourceTypes.contains(type)) {
        continue;
      }
      taken++;
      String text = resolve((ObjectNode) resource, entries.get(i).path("fullUrl").asText(""), references);
      Object[] values = new Object[ResourceParser.FIELDS + IngestColumns.COUNT];
      String reason = type == null ? "entry without a resourceType" : resources.parse(text, values);
      if (reason == null) {
        rows.add(IngestColumns.row(values, ResourceParser.FIELDS, file, i, runId, ingestedAt));
      } else {
        tally.refuse(file, 0, i, i, text, reason);
      }
    }
    tally.count(file, 0, taken, rows.size(), taken - rows.size());
    return rows;
  }

  /** Refuses the file as a whole: record number 0, position -1. */
  private List<Row> refuseFile(String file, String reason) {
    tally.refuse(file, 0, -1, -1, "", reason);
    tally.count(file, 0, 1, 0, 1);
    return List.of();
  }

  /** The {@code Type/id} each fullUrl of the entries stands for. */
  private static Map<String, String> resolvedFullUrls(List<JsonNode> entries) {
    Map<String, String> byFullUrl = new HashMap<>();
    for (JsonNode entry : entries) {
      String fullUrl = entry.path("fullUrl").asText("");
      JsonNode resource = entry.path("resource");
      String type = resource.path("resourceType").asText("");
      String id = idOf(resource, fullUrl);
      if (!fullUrl.isEmpty() && !type.isEmpty() && !id.isEmpty()) {
        byFullUrl.put(fullUrl, type + "/" + id);
      }
    }
    return byFullUrl;
  }

  private static String idOf(JsonNode resource, String fullUrl) {
    String id = resource.path("id").asText("");
    return id.isEmpty() && fullUrl.startsWith(URN_UUID) ? fullUrl.substring(URN_UUID.length()) : id;
  }

  /** The resource's JSON with its references resolved and, if it had none, the id of its urn:uuid fullUrl. */
  private static String resolve(ObjectNode resource, String fullUrl, Map<String, String> references) {
    rewriteReferences(resource, references);
    ObjectNode result = resource;
    if (!resource.has("id") && !idOf(resource, fullUrl).isEmpty()) {
      result = JSON.createObjectNode();
      result.set("resourceType", resource.get("resourceType"));
      result.put("id", idOf(resource, fullUrl));
      result.setAll(resource);
    }
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write back a JSON tree just read", e);
    }
  }

  private static void rewriteReferences(JsonNode node, Map<String, String> references) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode reference = object.get("reference");
      if (reference != null && reference.isTextual() && references.containsKey(reference.asText())) {
        object.put("reference", references.get(reference.asText()));
      }
      object.elements().forEachRemaining(child -> rewriteReferences(child, references));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> rewriteReferences(child, references));
    }
  }
}
