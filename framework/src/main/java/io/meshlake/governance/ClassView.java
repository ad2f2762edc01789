package io.meshlake.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.governance.policy.ConsumerClass;
import io.meshlake.governance.policy.DateRule;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.governance.policy.Treatment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What one consumer class sees of one gold product: the class's policy applied to the product's contract.
 * Resolving is pure (no Spark), so {@code validate} and the audit log can show it.
 *
 * @param consumerClass the class
 * @param product the gold product
 * @param columns the decision for every contract column, in contract order
 * @param consentPurpose the purpose members must consent to, when the class's purpose needs consent and the
 *     product has a person key
 * @param personColumn the product's person key column, if it has one
 * @param suppression small-cell suppression, for an aggregate product and a class that suppresses
 * @param dates what de-identified dates become
 * @param maxShiftDays the largest date shift under {@link DateRule#SHIFT_PER_PATIENT}
 * @param notes what the policy could not do as written and did instead, for the audit log
 */
public record ClassView(String consumerClass, TableId product, List<ColumnDecision> columns,
    Optional<String> consentPurpose, Optional<String> personColumn, Optional<SmallCellSuppression> suppression,
    DateRule dates, int maxShiftDays, List<String> notes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The decision for one column.
   *
   * @param column the column
   * @param treatment what it becomes
   * @param kind for {@link Treatment#PSEUDONYMISE}, the identifier kind
   * @param category for {@link Treatment#MASK}, {@link Treatment#GENERALISE} and {@link Treatment#DEIDENTIFY},
   *     the Safe Harbor category
   * @param why which rule chose it
   */
  public record ColumnDecision(String column, Treatment treatment, Optional<IdentifierKind> kind,
      Optional<IdentifierCategory> category, String why) {
    /** For the audit log: e.g. {@code pseudonymise (member)} or {@code drop (names: removed by Safe Harbor)}. */
    public String describe() {
      return treatment.label() + " (" + why + ")";
    }
  }

  public ClassView {
    columns = List.copyOf(columns);
    notes = List.copyOf(notes);
  }

  /**
   * Resolves the class's policy for the product.
   *
   * @throws IllegalArgumentException naming the class when it does not exist
   */
  public static ClassView resolve(PolicySet policies, String className, TableId product, Contract contract) {
    ConsumerClass c = policies.consumerClass(className);
    List<String> notes = new ArrayList<>();
    List<ColumnDecision> decisions = contract.columns().stream().map(column -> decide(c, column)).toList();
    Optional<String> person = contract.identifierColumn(policies.standards().personIdentifier()).map(ContractColumn::name);
    Optional<String> consent = Optional.empty();
    if (policies.consent().needsConsent(c.purpose())) {
      if (person.isPresent()) {
        consent = Optional.of(c.purpose());
      } else {
        notes.add("purpose " + c.purpose() + " needs consent, but the product has no " + policies.standards()
            .personIdentifier().name() + " column to filter on (an aggregate): published without consent filtering");
      }
    }
    Optional<SmallCellSuppression> suppression = Optional.empty();
    if (c.suppressSmallCells() && contract.aggregation().isPresent()) {
      Contract.Aggregate a = contract.aggregation().get();
      List<String> shown = decisions.stream().filter(d -> d.treatment() != Treatment.DROP).map(ColumnDecision::column).toList();
      suppression = Optional.of(new SmallCellSuppression(a.count(), a.rows(), a.columns(),
          a.alsoHide().stream().filter(shown::contains).toList(), policies.consumerClasses().smallCellThreshold()));
    }
    DateRule dates = c.dates();
    boolean shifts = decisions.stream().anyMatch(d -> d.treatment() == Treatment.DEIDENTIFY
        && d.category().orElse(null) == IdentifierCategory.DATES);
    if (dates == DateRule.SHIFT_PER_PATIENT && shifts && person.isEmpty()) {
      dates = DateRule.YEAR_ONLY;
      notes.add("dates cannot be shifted per patient without a " + policies.standards().personIdentifier().name()
          + " column: de-identified to their year");
    }
    return new ClassView(className, product, decisions, consent, person, suppression, dates, c.maxShiftDays(), notes);
  }

  private static ColumnDecision decide(ConsumerClass c, ContractColumn column) {
    Optional<IdentifierKind> kind = column.identifierKind();
    Optional<IdentifierCategory> category = column.safeHarborCategory();
    String classification = column.classification().label();
    Treatment chosen = c.treatments().of(column.classification()).stream()
        .filter(t -> applies(t, kind, category)).findFirst().orElseThrow();
    String why = classification + " column";
    if (c.safeHarbor() && category.isPresent() && (chosen == Treatment.KEEP || chosen == Treatment.MASK)) {
      chosen = Treatment.DEIDENTIFY;
      why = "Safe Harbor class, " + category.get().label();
    }
    if (chosen == Treatment.DEIDENTIFY && !SafeHarbor.keepsSomething(category.orElseThrow())) {
      return new ColumnDecision(column.name(), Treatment.DROP, Optional.empty(), category,
          category.get().label() + ": removed by Safe Harbor");
    }
    return switch (chosen) {
      case PSEUDONYMISE -> new ColumnDecision(column.name(), chosen, kind, Optional.empty(), kind.orElseThrow().name());
      case MASK, GENERALISE, DEIDENTIFY -> new ColumnDecision(column.name(), chosen, Optional.empty(), category,
          why.startsWith("Safe Harbor") ? why : category.orElseThrow().label());
      default -> new ColumnDecision(column.name(), chosen, Optional.empty(), Optional.empty(), why);
    };
  }

  private static boolean applies(Treatment treatment, Optional<IdentifierKind> kind, Optional<IdentifierCategory> category) {
    return switch (treatment) {
      case KEEP, DROP -> true;
      case PSEUDONYMISE -> kind.isPresent();
      case MASK -> category.flatMap(ClassView::maskOf).isPresent();
      case GENERALISE -> category.filter(SafeHarbor::keepsSomething).isPresent();
      case DEIDENTIFY -> category.isPresent();
    };
  }

  /** The mask for a category, if it has one. */
  static Optional<Mask> maskOf(IdentifierCategory category) {
    return switch (category) {
      case SOCIAL_SECURITY_NUMBERS -> Optional.of(Mask.SSN_LAST_FOUR);
      case TELEPHONE_NUMBERS, FAX_NUMBERS -> Optional.of(Mask.PHONE_LAST_FOUR);
      case EMAIL_ADDRESSES -> Optional.of(Mask.EMAIL);
      default -> Optional.empty();
    };
  }

  /** Whether the class sees the gold table itself: every column kept, no consent filter, nothing suppressed. */
  public boolean identity() {
    return columns.stream().allMatch(d -> d.treatment() == Treatment.KEEP) && consentPurpose.isEmpty()
        && suppression.isEmpty();
  }

  /** Whether the view needs the pseudonym key (pseudonyms, or dates shifted per patient). */
  public boolean usesKey() {
    return columns.stream().anyMatch(d -> d.treatment() == Treatment.PSEUDONYMISE) || shiftsDates();
  }

  /** Whether de-identified dates are shifted per patient. */
  public boolean shiftsDates() {
    return dates == DateRule.SHIFT_PER_PATIENT && columns.stream().anyMatch(d -> d.treatment() == Treatment.DEIDENTIFY
        && d.category().orElse(null) == IdentifierCategory.DATES);
  }

  /** The decision for a column, if the contract has it. */
  public Optional<ColumnDecision> column(String name) {
    return columns.stream().filter(d -> d.column().equals(name)).findFirst();
  }

  /** Each column's decision described, in contract order, for the audit log. */
  public Map<String, String> describeColumns() {
    Map<String, String> described = new LinkedHashMap<>();
    columns.forEach(d -> described.put(d.column(), d.describe()));
    return described;
  }

  /**
   * A digest of everything that shapes the class's tables, so a change of policy or contract is noticed
   * and the tables are derived again.
   */
  public String digest() {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("columns", describeColumns());
    shape.put("consent", consentPurpose.orElse(""));
    shape.put("suppression", suppression.map(Object::toString).orElse(""));
    shape.put("dates", shiftsDates() ? dates.label() + ":" + maxShiftDays : "");
    try {
      return DigestUtils.sha256Hex(JSON.writeValueAsString(shape)).substring(0, 16);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot describe the view of " + consumerClass + " on " + product, e);
    }
  }
}
