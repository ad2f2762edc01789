package io.meshlake.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The quality rules of one data product: {@code quality-rules/<domain>/<product>.yaml}.
 *
 * @param source the file (classpath resource or path) the rules were read from
 * @param domain the product's domain
 * @param product the product's table name
 * @param rules the rules, in file order
 */
public record RuleFile(String source, String domain, String product, List<Rule> rules) {
  public RuleFile {
    rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new io.meshlake.config.DefinitionException(source, rule.line(),
            "rule name " + rule.name() + " is used twice; rule names must be unique in a file");
      }
    }
  }

  /** A product without a rule file: only the rules its contract implies apply. */
  public static RuleFile none(String domain, String product) {
    return new RuleFile("(no rule file)", domain, product, List.of());
  }
}
