package io.meshlake.governance.policy;

import io.meshlake.governance.IdentifierKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Global standards every domain follows ({@code standards.yaml}), checked by {@code ./meshlake validate}.
 *
 * @param personIdentifier the identifier kind of a person; a product's column of this kind is its person key
 * @param names naming rules
 * @param identifierLikeColumns regular expressions (found anywhere in a column name, ignoring case) of identifier-looking
 *     columns, not allowed in products without phi or pii columns
 * @param nonPersonalIdentifierKinds identifier kinds that do not identify people (e.g. payer), exempt from
 *     that rule
 * @param contracts what every contract states
 */
public record Standards(IdentifierKind personIdentifier, Names names, List<String> identifierLikeColumns,
    List<IdentifierKind> nonPersonalIdentifierKinds, ContractRules contracts) {

  /**
   * Naming rules.
   *
   * @param pattern what every domain, table and column name matches, e.g. snake_case
   * @param reservedPrefixes prefixes domains may not use (the platform's namespaces)
   * @param reservedSuffixes suffixes product names may not use (tables the platform creates beside them)
   */
  public record Names(String pattern, List<String> reservedPrefixes, List<String> reservedSuffixes) {
    public Names {
      Objects.requireNonNull(pattern, "names needs a pattern, e.g. \"[a-z][a-z0-9]*(_[a-z0-9]+)*\" (snake_case)");
      Pattern.compile(pattern);
      reservedPrefixes = reservedPrefixes == null ? List.of() : List.copyOf(reservedPrefixes);
      reservedSuffixes = reservedSuffixes == null ? List.of() : List.copyOf(reservedSuffixes);
    }

    /** Whether a name follows the pattern. */
    public boolean matches(String name) {
      return Pattern.compile(pattern).matcher(name).matches();
    }
  }

  /**
   * What every contract states.
   *
   * @param requiredFields contract fields that must be present and non-empty
   * @param phiColumnsNeedHints whether every phi or pii column names an identifier kind or a Safe Harbor category
   */
  public record ContractRules(List<String> requiredFields, Boolean phiColumnsNeedHints) {
    /** The contract fields that can be required. */
    public static final Set<String> FIELDS = Set.of("owner", "description", "version", "primary_key", "purpose", "slos",
        "consumers");

    public ContractRules {
      phiColumnsNeedHints = Boolean.TRUE.equals(phiColumnsNeedHints);
      requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
      for (String field : requiredFields) {
        if (!FIELDS.contains(field)) {
          throw new IllegalArgumentException("contracts.required_fields names '" + field + "', which contracts do not"
              + " have; use some of " + FIELDS.stream().sorted().toList());
        }
      }
    }
  }

  public Standards {
    Objects.requireNonNull(personIdentifier, "standards need person_identifier, the identifier kind of a person, e.g. member");
    Objects.requireNonNull(names, "standards need names: pattern, reserved_prefixes, reserved_suffixes");
    identifierLikeColumns = identifierLikeColumns == null ? List.of() : List.copyOf(identifierLikeColumns);
    identifierLikeColumns.forEach(Pattern::compile);
    nonPersonalIdentifierKinds = nonPersonalIdentifierKinds == null ? List.of() : List.copyOf(nonPersonalIdentifierKinds);
    contracts = contracts == null ? new ContractRules(List.of(), false) : contracts;
  }

  /** The identifier-looking pattern a column name matches, if any. */
  public java.util.Optional<String> identifierLike(String column) {
    return identifierLikeColumns.stream()
        .filter(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(column).find()).findFirst();
  }
}
