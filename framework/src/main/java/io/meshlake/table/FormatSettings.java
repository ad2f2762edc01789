package io.meshlake.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import java.util.Map;
import java.util.Optional;

/**
 * An environment's {@code formats:} section: the table format of gold data products where the
 * environment, rather than the product's contract, decides.
 *
 * <pre>
 * formats:
 *   default: delta                        # products whose contract names no format (delta or iceberg)
 *   products:                             # per product, over its contract's choice
 *     claims_gold.payer_pmpm: iceberg
 * </pre>
 *
 * @param defaultFormat the format of products whose contract names none; {@code delta} if left out
 * @param products formats by product ({@code <domain>_gold.<product>}), over the contracts' choice
 */
public record FormatSettings(@JsonProperty("default") TableFormat defaultFormat, Map<String, TableFormat> products) {
  /** Delta for every product, unless its contract says otherwise. */
  public static final FormatSettings DEFAULT = new FormatSettings(null, null);

  public FormatSettings {
    defaultFormat = defaultFormat == null ? TableFormat.DELTA : defaultFormat;
    products = products == null ? Map.of() : Map.copyOf(products);
    products.forEach((name, format) -> {
      TableId id;
      try {
        id = TableId.parse(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("formats.products names '" + name + "', which is not a table: write"
            + " <domain>_gold.<product>, e.g. claims_gold.payer_pmpm");
      }
      if (id.layer() != Layer.GOLD) {
        throw new IllegalArgumentException("formats.products names " + name + ", a " + id.layer().label()
            + " table: only gold data products choose a format (bronze, silver and the platform's tables are Delta)");
      }
      if (format == null) {
        throw new IllegalArgumentException("formats.products." + name + " has no format: write delta or iceberg");
      }
    });
  }

  /** Every product in one format, as the default. */
  public static FormatSettings all(TableFormat format) {
    return new FormatSettings(format, Map.of());
  }

  /** The format the environment sets for this product, if it names it. */
  Optional<TableFormat> product(TableId id) {
    return Optional.ofNullable(products.get(id.qualifiedName()));
  }
}
