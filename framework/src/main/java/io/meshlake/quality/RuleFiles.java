package io.meshlake.quality;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.meshlake.config.ClasspathResources;
import io.meshlake.config.DefinitionException;
import io.meshlake.config.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rule files, {@code quality-rules/<domain>/<product>.yaml}: the {@code quality-rules} module puts
 * them on the classpath under the same path. Every problem names the file, the line and the fix.
 *
 * <pre>
 * domain: claims
 * product: member_month_costs
 * rules:
 *   - name: member_known
 *     kind: references
 *     column: member_id
 *     table: member_gold.members
 *     action: fail
 *     slo: validity
 * </pre>
 */
public final class RuleFiles {
  private RuleFiles() {}

  /** The classpath resource of a product's rule file. */
  public static String resource(String domain, String product) {
    return "quality-rules/" + domain + "/" + product + ".yaml";
  }

  /** The product's rule file from the classpath, or {@link RuleFile#none} when it has none. */
  public static RuleFile load(String domain, String product) {
    String resource = resource(domain, product);
    return ClasspathResources.read(resource, in -> parse(resource, in, domain, product))
        .orElseGet(() -> RuleFile.none(domain, product));
  }

  /**
   * Reads a rule file and checks it describes {@code domain}/{@code product}.
   *
   * @throws DefinitionException naming the file, line and fix
   */
  public static RuleFile parse(String source, InputStream in, String domain, String product) {
    String fileDomain = null;
    String fileProduct = null;
    List<Rule> rules = new ArrayList<>();
    try (JsonParser p = YamlFiles.parser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DefinitionException(source, line(p), "a rule file is a mapping with domain, product and rules");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        switch (key) {
          case "domain" -> fileDomain = p.getValueAsString();
          case "product" -> fileProduct = p.getValueAsString();
          case "rules" -> readRules(source, p, rules);
          default -> throw new DefinitionException(source, line(p),
              "unknown key '" + key + "'; a rule file has domain, product and rules");
        }
      }
    } catch (JsonProcessingException e) {
      throw YamlFiles.problem(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (!domain.equals(fileDomain) || !product.equals(fileProduct)) {
      throw new DefinitionException(source, 1, "the file says domain '" + fileDomain + "', product '" + fileProduct
          + "' but sits at quality-rules/" + domain + "/" + product + ".yaml: make them agree");
    }
    return new RuleFile(source, domain, product, rules);
  }

  private static void readRules(String source, JsonParser p, List<Rule> rules) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new DefinitionException(source, line(p), "'rules' is a list of rules, each starting with '- name:'");
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      int line = line(p);
      try {
        rules.add(YamlFiles.bind(source, p, RuleSpec.class).toRule(line));
      } catch (DefinitionException e) {
        throw new DefinitionException(source, line, "in the rule starting here: " + e.detail());
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(source, line, e.getMessage());
      }
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
