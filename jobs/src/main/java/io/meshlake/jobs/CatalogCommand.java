package io.meshlake.jobs;

import io.meshlake.api.TableId;
import io.meshlake.catalog.Catalog;
import io.meshlake.catalog.CatalogSite;
import io.meshlake.catalog.ConsumerAccess;
import io.meshlake.governance.policy.ConsumerClass;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.catalog.DataProduct;
import io.meshlake.catalog.OdcsContract;
import io.meshlake.catalog.ProductRuns;
import io.meshlake.plan.Domains;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake catalog}: what data products exist, what they promise, how they fared, and where they come from. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {
        "The data product catalog: every gold product of every domain with its owner, description, version, schema"
            + " with classifications, SLOs, quality rules, upstream and downstream products across domains, table"
            + " format and location, known consumers and the consumer classes allowed to read it.",
        "Built from the domains' declarations and contracts without starting Spark. When the warehouse holds runs,"
            + " Spark reads them too: freshness (last publication), each table's version and location as its format"
            + " gives them, the latest quality gate and SLO attainment over runs."},
    subcommands = {CatalogCommand.ListProducts.class, CatalogCommand.Show.class, CatalogCommand.Search.class,
        CatalogCommand.Export.class, CatalogCommand.Site.class},
    footer = {"", "Examples:",
        "  ./meshlake catalog list",
        "  ./meshlake catalog show payer_pmpm          # or claims_gold.payer_pmpm",
        "  ./meshlake catalog search member_id",
        "  ./meshlake catalog export --format odcs --out contracts/",
        "  ./meshlake catalog site --out catalog-site/ # then open catalog-site/index.html",
        "", "Add --warehouse DIR to read the runs of another warehouse (default: the environment's)."})
final class CatalogCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The catalog of the domains on the classpath, and what runs in the warehouse observed (read only when it has runs). */
  static final class Sources {
    @Mixin
    PlatformOptions platform;

    Catalog catalog() {
      // Every consumer class of the policies reads every product, each through its own view of it.
      List<String> classes = PolicySet.load(platform.environment().governance().policyFolder()).consumerClasses()
          .classes().stream().map(ConsumerClass::name).toList();
      ConsumerAccess access = product -> Optional.of(classes);
      return Catalog.of(Domains.discover(), platform.environment(), access);
    }

    String warehouse() {
      return platform.environment().warehouse();
    }

    /**
     * What runs observed of each product, read through the environment's warehouse (each product table in its
     * format, where the live catalog says it is); empty, without starting Spark, when the warehouse has no runs.
     */
    Map<TableId, ProductRuns> runs(Catalog catalog) {
      if (!ProductRuns.recorded(warehouse())) {
        return Map.of();
      }
      return ProductRuns.read(platform.start().store(), catalog.products().stream().map(DataProduct::id).toList());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List every data product by domain: version, owner, last publication, latest quality gate and"
          + " SLO attainment (the last three when the warehouse holds runs)."},
      footer = {"", "Example:", "  ./meshlake catalog list --warehouse demo/warehouse"})
  static final class ListProducts implements Callable<Integer> {
    @Mixin
    Sources sources;

    @Override
    public Integer call() {
      Catalog catalog = sources.catalog();
      Map<TableId, ProductRuns> runs = sources.runs(catalog);
      System.out.print(CatalogText.list(catalog, runs, sources.warehouse()));
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Everything the catalog knows about one product: contract, schema with classifications, SLOs"
          + " with attainment, the latest quality gate, upstream and downstream products, table format and location,"
          + " consumers."},
      footer = {"", "Examples:", "  ./meshlake catalog show payer_pmpm", "  ./meshlake catalog show member_gold.members"})
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "PRODUCT",
        description = "<domain>_gold.<product>, or the product's name alone when only one domain has it.")
    String product;

    @Mixin
    Sources sources;

    @Override
    public Integer call() {
      Catalog catalog = sources.catalog();
      DataProduct found = catalog.product(product);
      Map<TableId, ProductRuns> runs = sources.runs(catalog);
      System.out.print(CatalogText.show(catalog, found, runs.getOrDefault(found.id(), ProductRuns.NEVER_BUILT),
          sources.warehouse(), !runs.isEmpty()));
      return 0;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = {"Find the products whose name, owner, description, consumers, column names or column descriptions"
          + " mention a text (any case), and say where. Does not start Spark."},
      footer = {"", "Examples:", "  ./meshlake catalog search member_id", "  ./meshlake catalog search \"per member per month\""})
  static final class Search implements Callable<Integer> {
    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What to look for; several words are one phrase.")
    List<String> words;

    @Mixin
    Sources sources;

    @Override
    public Integer call() {
      String text = String.join(" ", words);
      List<Catalog.Match> matches = sources.catalog().search(text);
      System.out.print(CatalogText.search(text, matches));
      return matches.isEmpty() ? 1 : 0;
    }
  }

  /** The export formats. */
  enum ExportFormat { odcs }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write every product's contract as a document of an open standard, one file per product:",
          "  odcs: Open Data Contract Standard v3.0.2 YAML (<domain>_gold.<product>.odcs.yaml): fundamentals,"
              + " schema with logical and Spark types, required, primary key and classification, quality rules,"
              + " owner as team, SLOs as SLA properties, the table as a server of the chosen environment.",
          "Does not start Spark."},
      footer = {"", "Example:", "  ./meshlake catalog export --format odcs --out contracts/"})
  static final class Export implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The standard: ${COMPLETION-CANDIDATES}.")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if needed).")
    Path out;

    @Mixin
    Sources sources;

    @Override
    public Integer call() throws IOException {
      Catalog catalog = sources.catalog();
      Files.createDirectories(out);
      String environment = sources.platform.environment().name();
      for (DataProduct product : catalog.products()) {
        Path file = out.resolve(product.id().qualifiedName() + ".odcs.yaml");
        Files.writeString(file, OdcsContract.yaml(product, environment));
        System.out.println(file);
      }
      Console.progress("Wrote " + catalog.products().size() + " ODCS " + OdcsContract.API_VERSION + " document(s) to "
          + out);
      return 0;
    }
  }

  @Command(name = "site", mixinStandardHelpOptions = true,
      description = {"Write the catalog as a static HTML site (no server, nothing loaded from the network): domains,"
          + " products with freshness and quality, a lineage graph of every table across domains, and a page per"
          + " product with its schema and classifications, SLOs with attainment plotted over runs, and the latest"
          + " quality gate."},
      footer = {"", "Example:", "  ./meshlake catalog site --out catalog-site/ --warehouse demo/warehouse"})
  static final class Site implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if needed).")
    Path out;

    @Mixin
    Sources sources;

    @Override
    public Integer call() {
      Catalog catalog = sources.catalog();
      Map<TableId, ProductRuns> runs = sources.runs(catalog);
      if (runs.isEmpty()) {
        Console.progress("No runs recorded in " + sources.warehouse() + ": the site shows declarations only."
            + " Pass --warehouse DIR to show freshness, quality and SLO attainment");
      }
      System.out.println(CatalogSite.write(catalog, runs, sources.warehouse(), out));
      return 0;
    }
  }
}
