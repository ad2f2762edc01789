package io.meshlake.fhir.view.fhirpath;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ResourceType;

/** Type names FHIRPath's type functions accept: FHIR primitive, complex and resource types, and System types. */
final class FhirTypes {
  static final Set<String> PRIMITIVES = Set.of("base64Binary", "boolean", "canonical", "code", "date", "dateTime",
      "decimal", "id", "instant", "integer", "integer64", "markdown", "oid", "positiveInt", "string", "time",
      "unsignedInt", "uri", "url", "uuid", "xhtml");
  static final Set<String> STRING_LIKE = Set.of("base64Binary", "canonical", "code", "id", "markdown", "oid", "string",
      "uri", "url", "uuid", "xhtml");
  static final Set<String> INTEGERS = Set.of("integer", "integer64", "positiveInt", "unsignedInt");
  private static final Set<String> COMPLEX = Set.of("Address", "Age", "Annotation", "Attachment", "Availability",
      "BackboneElement", "BackboneType", "Base", "CodeableConcept", "CodeableReference", "Coding", "ContactDetail",
      "ContactPoint", "Contributor", "Count", "DataRequirement", "DataType", "Distance", "Dosage", "Duration",
      "Element", "ElementDefinition", "Expression", "ExtendedContactDetail", "Extension", "HumanName", "Identifier",
      "MarketingStatus", "Meta", "MonetaryComponent", "Money", "MoneyQuantity", "Narrative", "ParameterDefinition",
      "Period", "Population", "PrimitiveType", "ProdCharacteristic", "ProductShelfLife", "Quantity", "Range", "Ratio",
      "RatioRange", "Reference", "RelatedArtifact", "SampledData", "Signature", "SimpleQuantity", "SubstanceAmount",
      "Timing", "TriggerDefinition", "UsageContext", "VirtualServiceDetail", "Resource", "DomainResource");
  private static final Set<String> SYSTEM = Set.of("Boolean", "String", "Integer", "Long", "Decimal", "Date",
      "DateTime", "Time", "Quantity");

  private static final Set<String> RESOURCES = Arrays.stream(ResourceType.values()).map(ResourceType::name)
      .collect(Collectors.toUnmodifiableSet());

  private FhirTypes() {}

  /** The type name without a {@code FHIR.} or {@code System.} namespace, if it is a known type; else null. */
  static String resolve(String name) {
    String bare = name.startsWith("FHIR.") ? name.substring(5) : name;
    if (name.startsWith("System.")) {
      String system = name.substring(7);
      return SYSTEM.contains(system) ? systemToFhir(system) : null;
    }
    if (PRIMITIVES.contains(bare) || COMPLEX.contains(bare) || isResource(bare)) {
      return bare;
    }
    return !name.startsWith("FHIR.") && SYSTEM.contains(bare) ? systemToFhir(bare) : null;
  }

  static boolean isResource(String name) {
    return RESOURCES.contains(name);
  }

  static boolean isComplex(String name) {
    return COMPLEX.contains(name) || isResource(name);
  }

  private static String systemToFhir(String system) {
    return switch (system) {
      case "DateTime" -> "dateTime";
      case "Long" -> "integer64";
      case "Quantity" -> "Quantity";
      default -> Character.toLowerCase(system.charAt(0)) + system.substring(1);
    };
  }
}
