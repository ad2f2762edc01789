package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Expression nodes that navigate: literals, {@code $this}, member access (with choice types), chains, indexers, variables. */
final class Navigation {
  private Navigation() {}

  /** A literal or a resolved constant. */
  record Literal(List<Object> value, String resultType) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      return value;
    }
  }

  /** {@code $this}: the input itself. */
  record This() implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      return input;
    }
  }

  /** {@code %resource} (also {@code %rootResource}, {@code %context}), {@code %rowIndex} and {@code $index}. */
  record Variable(String name) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      return switch (name) {
        case "%rowIndex" -> List.of((long) context.rowIndex());
        case "$index" -> List.of((long) context.index());
        default -> List.of(context.resource());
      };
    }

    @Override
    public String resultType() {
      return name.equals("%rowIndex") || name.equals("$index") ? "integer" : null;
    }
  }

  /**
   * A child element by name. A choice element ({@code value}) also matches its typed JSON keys
   * ({@code valueQuantity}, {@code valueString}, ...); a type name at the start of a path
   * ({@code Patient.name}) matches a resource of that type.
   */
  record Member(String name) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> out = new ArrayList<>(2);
      for (Object item : input) {
        if (item instanceof JsonNode node && node.isObject()) {
          JsonNode child = node.get(name);
          if (child != null) {
            Values.addJson(child, out);
          } else if (isResourceType(node)) {
            out.add(node);
          } else {
            addChoice(node, out);
          }
        }
      }
      return out;
    }

    private boolean isResourceType(JsonNode node) {
      JsonNode type = node.get("resourceType");
      return type != null && Character.isUpperCase(name.charAt(0)) && name.equals(type.textValue());
    }

    private void addChoice(JsonNode node, List<Object> out) {
      Iterator<String> fields = node.fieldNames();
      while (fields.hasNext()) {
        String field = fields.next();
        if (field.length() > name.length() && field.startsWith(name) && Character.isUpperCase(field.charAt(name.length()))
            && FhirTypes.resolve(typeOfSuffix(field.substring(name.length()))) != null) {
          Values.addJson(node.get(field), out);
        }
      }
    }

    private static String typeOfSuffix(String suffix) {
      String lower = Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
      return FhirTypes.PRIMITIVES.contains(lower) ? lower : suffix;
    }
  }

  /**
   * {@code name.ofType(T)} compiled to one lookup: the choice key {@code nameT} (e.g. {@code valueQuantity})
   * and the plain key {@code name} when its items are of type T.
   */
  static final class OfTypeMember implements Expr {
    private final String name;
    private final String type;
    private final String choiceKey;
    private final FhirTemporal.Kind temporal;

    OfTypeMember(String name, String type) {
      this.name = name;
      this.type = type;
      this.choiceKey = name + Character.toUpperCase(type.charAt(0)) + type.substring(1);
      this.temporal = switch (type) {
        case "date" -> FhirTemporal.Kind.DATE;
        case "dateTime", "instant" -> FhirTemporal.Kind.DATE_TIME;
        case "time" -> FhirTemporal.Kind.TIME;
        default -> null;
      };
    }

    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> out = new ArrayList<>(1);
      for (Object item : input) {
        if (item instanceof JsonNode node && node.isObject()) {
          JsonNode typed = node.get(choiceKey);
          if (typed != null) {
            addTyped(typed, out);
          }
          JsonNode plain = node.get(name);
          if (plain != null) {
            List<Object> values = new ArrayList<>(1);
            Values.addJson(plain, values);
            Types.addOfType(values, type, out);
          }
        }
      }
      return out;
    }

    /** Values under the typed key are of the type: dates and times become (lazily parsed) temporals. */
    private void addTyped(JsonNode typed, List<Object> out) {
      if (temporal != null && typed.isTextual()) {
        out.add(FhirTemporal.typed(typed.textValue(), temporal));
      } else {
        Values.addJson(typed, out);
      }
    }

    @Override
    public String resultType() {
      return type;
    }
  }

  /** {@code left.right}: right evaluated on what left returns. */
  record Chain(Expr left, Expr right) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      return right.eval(left.eval(input, context), context);
    }

    @Override
    public String resultType() {
      return right.resultType();
    }
  }

  /** {@code base[index]}: the item at a 0-based position, or empty. */
  record Index(Expr base, Expr index) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> items = base.eval(input, context);
      Object position = Values.singleton(index.eval(input, context), "The indexer []");
      if (position == null) {
        return List.of();
      }
      if (!(position instanceof Long i)) {
        throw new FhirPathException("The indexer [] needs an integer but got " + Values.describe(List.of(position)));
      }
      return i >= 0 && i < items.size() ? List.of(items.get(i.intValue())) : List.of();
    }
  }

  /** The dotted name an expression spells when it is only member names ({@code FHIR.Patient}), else null. */
  static String dottedName(Expr expr) {
    if (expr instanceof Member member) {
      return member.name();
    }
    if (expr instanceof Chain chain) {
      String left = dottedName(chain.left());
      String right = dottedName(chain.right());
      return left == null || right == null ? null : left + "." + right;
    }
    return null;
  }
}
