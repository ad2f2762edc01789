package io.meshlake.governance;

import io.meshlake.api.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What governance did when a gold product was published: for each consumer class, what it reads and, for
 * a table of its own, how that table was derived.
 *
 * @param product the product
 * @param goldVersion the product's version published
 * @param keyId the pseudonym key used, if any class needed one
 * @param tables one per consumer class, in the policy's order
 * @param time how long governance held the publication up: its commits waiting for the pseudonym map and
 *     consent sets, then the class tables
 * @param beside how long preparing the pseudonym map and consent sets took, beside the product's write
 */
public record GovernedPublication(TableId product, long goldVersion, Optional<String> keyId, List<ClassTable> tables,
    Duration time, Duration beside) {
  public GovernedPublication {
    tables = List.copyOf(tables);
  }

  /** What a consumer class reads of a product. */
  public enum Form {
    /** The gold table itself: the class sees every column as published. */
    GOLD,
    /** A view over the gold table: nothing is copied ({@link Governor#viewSql}). */
    VIEW,
    /** A table derived for the class at publication (small cells of an aggregate suppressed). */
    TABLE
  }

  /**
   * What one consumer class reads of the product.
   *
   * @param consumerClass the class
   * @param form a table of its own, a view, or the gold table
   * @param location the class's table's folder; the gold table's for a view or the gold table
   * @param version the class table's version after the publication; the gold version otherwise
   * @param rows rows written to the class's table (-1 for a view or the gold table)
   * @param columns each column's treatment, for the audit log
   * @param consentPurpose the purpose members had to consent to, if any
   * @param consentRemoved rows left out for lack of consent (-1 for a view, which filters as it is read)
   * @param suppressedCells cells of an aggregate hidden (small ones and their complements)
   * @param notes what the policy could not do as written and did instead
   */
  public record ClassTable(String consumerClass, Form form, String location, long version, long rows,
      Map<String, String> columns, Optional<String> consentPurpose, long consentRemoved, int suppressedCells,
      List<String> notes) {
    public ClassTable {
      columns = Map.copyOf(columns);
      notes = List.copyOf(notes);
    }

    /** The same table as read by another class whose view is identical (so are the columns), with its own notes. */
    ClassTable readBy(String otherClass, List<String> otherNotes) {
      return new ClassTable(otherClass, form, location, version, rows, columns, consentPurpose, consentRemoved,
          suppressedCells, otherNotes);
    }
  }
}
