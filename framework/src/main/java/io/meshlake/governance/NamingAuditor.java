package io.meshlake.governance;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.api.TableSpec;
import io.meshlake.config.ClasspathResources;
import io.meshlake.contract.Classification;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.Contracts;
import io.meshlake.governance.policy.ConsumerClass;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.governance.policy.Standards;
import io.meshlake.governance.policy.Treatment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every domain's declarations and contracts against the global standards
 * ({@code standards.yaml}) and the consumer classes' needs, without Spark: snake_case names, domain and
 * layer namespaces, identifier-looking columns in products whose contract admits no PHI, complete
 * contracts, known purposes, and aggregates every class can suppress. Each finding names the contract
 * file and line and says how to fix it.
 */
public final class NamingAuditor {
  private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "int", "bigint");

  private final PolicySet policies;
  private final Standards standards;

  public NamingAuditor(PolicySet policies) {
    this.policies = policies;
    this.standards = policies.standards();
  }

  /** Every finding, in domain and declaration order. */
  public List<String> audit(List<DomainSpec> domains) {
    List<String> findings = new ArrayList<>();
    for (DomainSpec domain : domains) {
      domainName(domain.name(), findings);
      for (TableSpec table : domain.tables()) {
        String name = table.id().name();
        if (!standards.names().matches(name)) {
          findings.add("domain " + domain.name() + ": table " + name + " does not follow the naming pattern "
              + standards.names().pattern() + " (snake_case): rename it");
        }
        for (String suffix : standards.names().reservedSuffixes()) {
          if (name.endsWith(suffix)) {
            findings.add("domain " + domain.name() + ": table " + name + " ends with " + suffix
                + ", which names the tables the platform creates: rename it");
          }
        }
        if (table instanceof DerivedTable derived && table.id().layer() == Layer.GOLD && derived.contract().isPresent()) {
          contract(derived.contract().get(), findings);
        }
      }
    }
    return findings;
  }

  private void domainName(String domain, List<String> findings) {
    if (!standards.names().matches(domain)) {
      findings.add("domain " + domain + " does not follow the naming pattern " + standards.names().pattern()
          + " (snake_case): rename it");
    }
    for (String prefix : standards.names().reservedPrefixes()) {
      if (domain.startsWith(prefix)) {
        findings.add("domain " + domain + " starts with " + prefix + ", reserved for the platform's namespaces"
            + " (" + prefix + "_platform, " + prefix + "_governed): rename it");
      }
    }
    for (Layer layer : Layer.values()) {
      if (domain.endsWith("_" + layer.label())) {
        findings.add("domain " + domain + " ends with _" + layer.label() + ", so its namespaces would read "
            + domain + "_gold: name the domain after what it owns, without a layer");
      }
    }
  }

  private void contract(Contract contract, List<String> findings) {
    Lines file = Lines.of(Contracts.resource(contract.domain(), contract.product()));
    for (String field : standards.contracts().requiredFields()) {
      boolean missing = switch (field) {
        case "primary_key" -> contract.primaryKey().isEmpty();
        case "purpose" -> contract.purposeName().isEmpty();
        case "slos" -> contract.slos().isEmpty();
        case "consumers" -> contract.consumers().isEmpty();
        default -> false; // owner, description and version every contract has
      };
      if (missing) {
        findings.add(file.at("product:") + ": the contract has no " + field + ", which standards.yaml requires: add "
            + field + ":" + (field.equals("purpose") ? " one of " + policies.consent().purposeNames() : ""));
      }
    }
    contract.purposeName().filter(p -> policies.consent().purpose(p).isEmpty()).ifPresent(p -> findings.add(
        file.at("purpose:") + ": purpose " + p + " is not one of consent.yaml's purposes "
            + policies.consent().purposeNames() + ": use one of them or add it there"));
    boolean personal = contract.columns().stream().anyMatch(c -> c.classification() == Classification.PHI
        || c.classification() == Classification.PII);
    long personKeys = contract.columns().stream()
        .filter(c -> c.identifierKind().filter(standards.personIdentifier()::equals).isPresent()).count();
    if (personKeys > 1) {
      findings.add(file.at("identifier: " + standards.personIdentifier().name()) + ": " + personKeys + " columns are "
          + "marked identifier: " + standards.personIdentifier().name() + "; mark only the product's person key");
    }
    for (ContractColumn column : contract.columns()) {
      column(contract, column, personal, file, findings);
    }
    contract.aggregation().ifPresent(a -> aggregate(contract, a, file, findings));
  }

  private void column(Contract contract, ContractColumn column, boolean personal, Lines file, List<String> findings) {
    String at = file.atColumn(column.name());
    if (!standards.names().matches(column.name())) {
      findings.add(at + ": column " + column.name() + " does not follow the naming pattern "
          + standards.names().pattern() + " (snake_case): rename it, e.g. " + snake(column.name()));
    }
    boolean classified = column.classification() == Classification.PHI || column.classification() == Classification.PII;
    if (classified && standards.contracts().phiColumnsNeedHints() && column.identifierKind().isEmpty()
        && column.safeHarborCategory().isEmpty()) {
      findings.add(at + ": column " + column.name() + " is " + column.classification().label() + " but names neither"
          + " an identifier kind nor a Safe Harbor category, so no class can pseudonymise, mask or de-identify it:"
          + " add identifier: <kind> or safe_harbor: <category> (e.g. names, dates, social_security_numbers)");
    }
    if (!personal && standards.identifierLike(column.name()).isPresent()
        && column.identifierKind().filter(standards.nonPersonalIdentifierKinds()::contains).isEmpty()) {
      findings.add(at + ": column " + column.name() + " looks like an identifier (matches "
          + standards.identifierLike(column.name()).get() + ") but " + contract.product() + " classifies no column phi"
          + " or pii: classify it phi or pii (with its identifier kind or Safe Harbor category), or, if it identifies"
          + " no person, declare identifier: <kind> with a kind listed in non_personal_identifier_kinds "
          + standards.nonPersonalIdentifierKinds().stream().map(IdentifierKind::name).toList());
    }
  }

  private void aggregate(Contract contract, Contract.Aggregate aggregate, Lines file, List<String> findings) {
    String type = contract.column(aggregate.count()).map(ContractColumn::type).orElse("");
    if (!INTEGER_TYPES.contains(type)) {
      findings.add(file.at("aggregate:") + ": the aggregate's count " + aggregate.count() + " is " + type
          + ", not an integer: small cells can only be suppressed in counts");
    }
    List<String> needed = new ArrayList<>(aggregate.rows());
    needed.addAll(aggregate.columns());
    needed.add(aggregate.count());
    for (ConsumerClass c : policies.consumerClasses().classes()) {
      if (!c.suppressSmallCells()) {
        continue;
      }
      ClassView view = ClassView.resolve(policies, c.name(), new TableId(contract.domain(), Layer.GOLD,
          contract.product()), contract);
      for (String column : needed) {
        Treatment treatment = view.column(column).orElseThrow().treatment();
        if (treatment != Treatment.KEEP) {
          findings.add(file.at("aggregate:") + ": consumer class " + c.name() + " suppresses small cells but its policy"
              + " would " + treatment.label() + " the aggregate's column " + column + ": classify it so the class"
              + " keeps it, or leave the product out of the aggregate section");
        }
      }
    }
  }

  private static String snake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT);
  }

  /** A contract file's lines, to say where a finding is. */
  private record Lines(String resource, List<String> lines) {
    static Lines of(String resource) {
      List<String> lines = ClasspathResources.read(resource,
          in -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()).orElse(List.of());
      return new Lines(resource, lines);
    }

    /** {@code resource:line} of the first line containing {@code text}, or the resource alone. */
    String at(String text) {
      return find(Pattern.compile(Pattern.quote(text)));
    }

    /** {@code resource:line} of the column's entry, or the resource alone. */
    String atColumn(String column) {
      return find(Pattern.compile("name:\\s*[\"']?" + Pattern.quote(column) + "[\"']?\\s*(,|}|$)"));
    }

    private String find(Pattern pattern) {
      for (int i = 0; i < lines.size(); i++) {
        if (pattern.matcher(lines.get(i)).find()) {
          return resource + ":" + (i + 1);
        }
      }
      return resource;
    }
  }
}
