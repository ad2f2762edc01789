package io.meshlake.governance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one class of consumer (e.g. {@code actuarial}, {@code research}) may see of a product: a
 * treatment per column, in the order the consumer sees them. Columns not named are not shown.
 *
 * @param consumerClass lower-case letters, digits and underscores
 * @param columns treatment per column name
 */
public record Grant(String consumerClass, Map<String, ColumnTreatment> columns) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Grant {
    if (consumerClass == null || !NAME.matcher(consumerClass).matches()) {
      throw new IllegalArgumentException("Invalid consumer class '" + consumerClass
          + "': use lower-case letters, digits and underscores, e.g. actuarial");
    }
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }
}
