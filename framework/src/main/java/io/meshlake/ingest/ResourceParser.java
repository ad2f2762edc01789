package io.meshlake.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.Serializable;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Parses one resource's JSON with HAPI FHIR (R4, strictly: an unknown element or an unparsable value
 * is an error) into the values of {@link FhirResources#schema()}, or says why it cannot. Each task
 * deserializes its own instance and builds its HAPI parser once, on first use; the HAPI context behind
 * it is built once per JVM, since it is not serializable and takes seconds to build.
 */
final class ResourceParser implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The number of values {@link #parse} fills. */
  static final int FIELDS = 5;

  private transient IParser parser;

  /** The JVM's one FHIR R4 context, built on first use. */
  private static final class R4 {
    static final FhirContext CONTEXT = FhirContext.forR4();
  }

  /**
   * Parses {@code json} into {@code values}: resource type, id, meta.versionId, meta.lastUpdated (an
   * {@link java.time.Instant}) and the JSON text itself.
   *
   * @return null when the resource is usable, else the reason (HAPI's message when HAPI refuses it)
   */
  String parse(String json, Object[] values) {
    IBaseResource resource;
    try {
      resource = parser().parseResource(json);
    } catch (RuntimeException e) { // HAPI's DataFormatException, or whatever else it throws on bad input
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      return message.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse(message);
    }
    String id = resource.getIdElement().getIdPart();
    if (id == null || id.isBlank()) {
      return resource.fhirType() + " without an id: a resource needs one to be kept and referenced by id";
    }
    Date lastUpdated = resource.getMeta().getLastUpdated();
    values[0] = resource.fhirType();
    values[1] = id;
    values[2] = resource.getMeta().getVersionId();
    values[3] = lastUpdated == null ? null : lastUpdated.toInstant();
    values[4] = json;
    return null;
  }

  private IParser parser() {
    if (parser == null) {
      parser = R4.CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }
    return parser;
  }
}
