package io.meshlake.catalog;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.api.TableSpec;
import io.meshlake.config.Environment;
import io.meshlake.plan.Planner;
import io.meshlake.quality.RuleFiles;
import io.meshlake.table.TableFormat;
import io.meshlake.table.TableFormats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The data product catalog: every domain's gold products with their contracts, rules, lineage and
 * declared table locations, built from the declarations on the classpath without Spark. What runs observed
 * (freshness, quality, SLO attainment, and where an existing table actually is) is read separately, see
 * {@link ProductRuns}.
 */
public final class Catalog {
  private final List<String> domains;
  private final Map<TableId, DataProduct> products;
  private final Lineage lineage;
  private final ConsumerAccess access;

  private Catalog(List<String> domains, Map<TableId, DataProduct> products, Lineage lineage, ConsumerAccess access) {
    this.domains = List.copyOf(domains);
    this.products = products;
    this.lineage = lineage;
    this.access = access;
  }

  /**
   * The catalog of these domains, with tables in the environment's warehouse, each product in the format its
   * contract and the environment choose. An Iceberg product's location is the one the environment declares
   * ({@code <iceberg tables location>/<namespace>/<name>}); the live Iceberg catalog may say otherwise (a
   * {@code --conf} override of its warehouse, a shared catalog whose tables were created elsewhere), which only
   * Spark can tell: {@link ProductRuns#read} reads it for the tables that exist.
   *
   * @throws io.meshlake.plan.PlanException when the declarations do not plan (as {@code meshlake plan} says)
   */
  public static Catalog of(Collection<DomainSpec> specs, Environment environment, ConsumerAccess access) {
    Planner planner = Planner.of(specs);
    Lineage lineage = Lineage.of(planner);
    TableFormats formats = new TableFormats(environment.formats());
    Path delta = qualified(environment.warehouse());
    Path iceberg = qualified(environment.iceberg().tablesLocation(environment.warehouse()));
    Map<TableId, DataProduct> products = new LinkedHashMap<>();
    List<String> order = planner.domainOrder();
    for (String domain : order) {
      DomainSpec spec = specs.stream().filter(s -> s.name().equals(domain)).findFirst().orElseThrow();
      for (TableSpec table : spec.tables()) {
        if (table instanceof DerivedTable derived && table.id().layer() == Layer.GOLD) {
          TableId id = table.id();
          TableFormat format = formats.of(id);
          Path root = format == TableFormat.ICEBERG ? iceberg : delta;
          products.put(id, new DataProduct(derived, RuleFiles.load(id.domain(), id.name()),
              lineage.upstreamProducts(id), lineage.downstreamProducts(id), format.label(),
              new Path(new Path(root, id.namespace()), id.name()).toString()));
        }
      }
    }
    return new Catalog(order, products, lineage, access);
  }

  private static Path qualified(String warehouse) {
    Path path = new Path(warehouse);
    try {
      return path.getFileSystem(new Configuration()).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open warehouse " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /** The domains, each after the domains whose products it reads. */
  public List<String> domains() {
    return domains;
  }

  /** Every product, by domain. */
  public List<DataProduct> products() {
    return List.copyOf(products.values());
  }

  /** The products of one domain. */
  public List<DataProduct> products(String domain) {
    return products.values().stream().filter(p -> p.id().domain().equals(domain)).toList();
  }

  /** The lineage graph of every table. */
  public Lineage lineage() {
    return lineage;
  }

  /** The consumer classes the governance policies let read the product; empty when none say. */
  public Optional<List<String>> consumerClasses(TableId product) {
    return access.classes(product);
  }

  /**
   * Finds a product by {@code <domain>_gold.<product>}, or by {@code <product>} alone when one domain
   * has a product of that name.
   *
   * @throws IllegalArgumentException naming the products that exist (or those sharing the name)
   */
  public DataProduct product(String name) {
    List<DataProduct> found = products.values().stream()
        .filter(p -> p.id().qualifiedName().equals(name) || p.id().name().equals(name)).toList();
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException("Several domains publish a product named '" + name + "': "
          + found.stream().map(p -> p.id().qualifiedName()).collect(Collectors.joining(", ")) + ". Name one of them");
    }
    throw new IllegalArgumentException("No data product '" + name + "'. The products are: "
        + products.keySet().stream().map(TableId::qualifiedName).collect(Collectors.joining(", "))
        + ". Name one as <domain>_gold.<product>, or by its product name when only one domain has it");
  }

  /** A product that mentions a text, and where. */
  public record Match(DataProduct product, List<String> where) {}

  /** The products that mention {@code text} (any case) in their name, owner, description, consumers or columns. */
  public List<Match> search(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Search for some text, e.g. ./meshlake catalog search payer");
    }
    List<Match> matches = new ArrayList<>();
    for (DataProduct product : products.values()) {
      List<String> where = product.matches(text.trim());
      if (!where.isEmpty()) {
        matches.add(new Match(product, where));
      }
    }
    return matches;
  }
}
