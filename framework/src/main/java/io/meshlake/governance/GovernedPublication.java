package io.meshlake.governance;

import io.meshlake.api.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What governance did when a gold product was published: for each consumer class, the table it reads
 * and how that table was derived.
 *
 * @param product the product
 * @param goldVersion the product's version the class tables were derived from
 * @param keyId the pseudonym key used, if any class needed one
 * @param tables one per consumer class, in the policy's order
 * @param time how long deriving and writing the class tables took
 */
public record GovernedPublication(TableId product, long goldVersion, Optional<String> keyId, List<ClassTable> tables,
    Duration time) {
  public GovernedPublication {
    tables = List.copyOf(tables);
  }

  /**
   * What one consumer class reads of the product.
   *
   * @param consumerClass the class
   * @param location the table's folder: the gold table itself for a class that sees it unchanged
   * @param version the table's version after the publication
   * @param materialised whether the platform wrote a table for the class (false: it reads the gold table)
   * @param incremental whether only the published keys were replaced
   * @param rows rows written (-1 when the class reads the gold table)
   * @param columns each column's treatment, for the audit log
   * @param consentPurpose the purpose members had to consent to, if any
   * @param consentRemoved rows left out for lack of consent
   * @param suppressedCells cells of an aggregate hidden (small ones and their complements)
   * @param notes what the policy could not do as written and did instead
   */
  public record ClassTable(String consumerClass, String location, long version, boolean materialised,
      boolean incremental, long rows, Map<String, String> columns, Optional<String> consentPurpose, long consentRemoved,
      int suppressedCells, List<String> notes) {
    public ClassTable {
      columns = Map.copyOf(columns);
      notes = List.copyOf(notes);
    }
  }
}
