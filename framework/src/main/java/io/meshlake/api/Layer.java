package io.meshlake.api;

import java.util.Locale;

/** The medallion layer a table belongs to. Order matters: a table reads only its own layer or lower ones. */
public enum Layer {
  /** Data as landed, typed by its source layout, with ingest metadata. */
  BRONZE,
  /** Cleaned, conformed, deduplicated entities. */
  SILVER,
  /** Published data products with contracts. */
  GOLD;

  /** The lower-case name used in namespaces, e.g. {@code gold} in {@code claims_gold}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code bronze}, {@code silver} or {@code gold} (any case). */
  public static Layer parse(String text) {
    for (Layer layer : values()) {
      if (layer.label().equalsIgnoreCase(text)) {
        return layer;
      }
    }
    throw new IllegalArgumentException(
        "Unknown layer '" + text + "': use one of bronze, silver, gold");
  }
}
