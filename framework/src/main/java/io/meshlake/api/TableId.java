package io.meshlake.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a table: its domain, layer and name. Its namespace is {@code <domain>_<layer>}, so
 * the claims domain's gold product {@code member_month_costs} is {@code claims_gold.member_month_costs}.
 */
public record TableId(String domain, Layer layer, String name) {
  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

  public TableId {
    Objects.requireNonNull(layer, "layer");
    requireSnakeCase("domain", domain);
    requireSnakeCase("table", name);
  }

  /** The Spark catalog namespace, e.g. {@code member_silver}. */
  public String namespace() {
    return domain + "_" + layer.label();
  }

  /** The name analysts query, e.g. {@code member_gold.member_months}. */
  public String qualifiedName() {
    return namespace() + "." + name;
  }

  /**
   * Parses a qualified name such as {@code member_gold.member_months}.
   *
   * @throws IllegalArgumentException naming the text when it is not {@code <domain>_<layer>.<table>}
   */
  public static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    int underscore = dot < 0 ? -1 : qualified.lastIndexOf('_', dot);
    if (dot < 0 || underscore < 0 || qualified.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "Cannot read table name '" + qualified
              + "': write <domain>_<layer>.<table>, e.g. member_gold.member_months");
    }
    Layer layer = Layer.parse(qualified.substring(underscore + 1, dot));
    return new TableId(qualified.substring(0, underscore), layer, qualified.substring(dot + 1));
  }

  static void requireSnakeCase(String what, String value) {
    if (value == null || !SNAKE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + what + " name '" + value
              + "': use snake_case (lower-case letters, digits, underscores, starting with a letter)");
    }
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
