package io.meshlake.table;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.Contracts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which format each table is kept in. Gold data products choose theirs: the environment's
 * {@code formats.products} entry for the product, else the product's contract ({@code format:}), else the
 * environment's {@code formats.default} (Delta unless set). A product's quarantine table
 * ({@code <product>_quarantine}) follows its product. Bronze, silver and the platform's own tables are Delta.
 */
public final class TableFormats {
  private static final String QUARANTINE = "_quarantine";

  private final FormatSettings settings;
  private final Function<TableId, Optional<TableFormat>> contracts;
  private final Map<TableId, TableFormat> resolved = new ConcurrentHashMap<>();

  /** The formats the environment's settings and the products' contracts (on the classpath) choose. */
  public TableFormats(FormatSettings settings) {
    this(settings, id -> Contracts.find(id.domain(), id.name()).flatMap(Contract::tableFormat));
  }

  /**
   * @param contracts the format a product's contract chooses, if any
   */
  TableFormats(FormatSettings settings, Function<TableId, Optional<TableFormat>> contracts) {
    this.settings = settings;
    this.contracts = contracts;
  }

  /** The format of a table. */
  public TableFormat of(TableId id) {
    if (id.layer() != Layer.GOLD) {
      return TableFormat.DELTA;
    }
    TableId product = id.name().endsWith(QUARANTINE) && id.name().length() > QUARANTINE.length()
        ? new TableId(id.domain(), Layer.GOLD, id.name().substring(0, id.name().length() - QUARANTINE.length()))
        : id;
    return resolved.computeIfAbsent(product, p -> settings.product(p)
        .or(() -> contracts.apply(p))
        .orElse(settings.defaultFormat()));
  }
}
