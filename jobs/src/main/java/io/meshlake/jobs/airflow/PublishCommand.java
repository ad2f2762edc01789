package io.meshlake.jobs.airflow;

import io.meshlake.api.Layer;
import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.plan.Step;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow publish}: tells Airflow a domain's gold products changed outside Airflow. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Post an Airflow asset event for each gold product of a domain (or --table), after it was built"
        + " outside Airflow (e.g. with ./meshlake run or spark-submit), so DAGs scheduled on it run."},
    footer = {"", "Example:", "  ./meshlake run member && ./meshlake airflow publish member    # claims follows"})
final class PublishCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain, e.g. member.")
  String domain;

  @Option(names = "--table", paramLabel = "PRODUCT", description = "Only this gold product, e.g. member_months.")
  String table;

  @Override
  int call(AirflowClient client) {
    List<Step> products = Planner.of(Domains.discover()).plan(Selection.domain(domain)).steps().stream()
        .filter(s -> s.id().layer() == Layer.GOLD && (table == null || s.id().name().equals(table))).toList();
    if (products.isEmpty()) {
      throw new IllegalArgumentException("Domain " + domain + " has no gold product" + (table == null ? "" : " '" + table + "'")
          + ": see its products with `meshlake plan " + domain + " --layer gold`");
    }
    for (Step product : products) {
      ProductAsset asset = new ProductAsset(product.id());
      long event = client.publishAssetEvent(asset.uri(), Map.of("published_by", "meshlake airflow publish"));
      System.out.println(asset.uri() + ": event " + event);
    }
    return 0;
  }
}
