package io.meshlake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.api.DomainSpec;
import io.meshlake.api.Layer;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.config.Environment;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog of two small domains, built from declarations alone (no Spark). */
class CatalogTest {
  private static final CsvLayout PEOPLE = CsvLayout.builder("people", "people")
      .required("Id", FieldType.STRING).required("NAME", FieldType.STRING).optional("SCORE", FieldType.INT).build();
  private static final TableId SCORES = new TableId("people", Layer.GOLD, "scores");
  private static final TableId COPY = new TableId("consumer", Layer.GOLD, "copy");

  @TempDir
  Path warehouse;

  /** people: raw -> persons -> scores (a product); consumer: copy reads people's product. */
  private static List<DomainSpec> domains() {
    DomainSpec people = DomainSpec.builder("people")
        .ingest("people_raw", PEOPLE)
        .silver(Table.named("persons").fromNewRowsOf("people_raw").transform(c -> c.input("people_raw")).merge("id"))
        .gold(Table.named("scores").from("persons").transform(c -> c.input("persons")).overwrite())
        .build();
    DomainSpec consumer = DomainSpec.builder("consumer")
        .gold(Table.named("copy").from("people_gold.scores").transform(c -> c.input("scores")).overwrite())
        .build();
    return List.of(consumer, people);
  }

  private Catalog catalog() {
    return Catalog.of(domains(), new Environment("test", warehouse.toString(), "unused", null, null), ConsumerAccess.NOT_CONFIGURED);
  }

  @Test
  void listsProductsOfDomainsInTheOrderTheyAreBuilt() {
    assertThat(catalog().domains()).containsExactly("people", "consumer");
    assertThat(catalog().products()).extracting(DataProduct::id).containsExactly(SCORES, COPY);
  }

  @Test
  void upstreamAndDownstreamProductsCrossDomains() {
    DataProduct scores = catalog().product("people_gold.scores");

    assertThat(scores.upstream()).isEmpty();
    assertThat(scores.downstream()).containsExactly(COPY);
    assertThat(catalog().product("copy").upstream()).containsExactly(SCORES);
  }

  @Test
  void aProductLivesInItsNamespaceFolderOfTheWarehouse() {
    DataProduct copy = catalog().product("copy");

    assertThat(copy.location()).isEqualTo("file:" + warehouse + "/consumer_gold/copy");
    assertThat(copy.format()).isEqualTo("delta");
  }

  @Test
  void theSiteShowsWhereRunsFoundTheTableElseWhereItIsDeclared() throws Exception {
    Catalog catalog = catalog();
    String observed = "file:/elsewhere/iceberg/people_gold/scores";
    ProductRuns scores = new ProductRuns(Optional.empty(), Optional.of(3L), Optional.of(observed), Optional.empty(),
        Optional.empty(), Optional.empty());

    assertThat(scores.location(catalog.product("scores"))).isEqualTo(observed);
    assertThat(ProductRuns.NEVER_BUILT.location(catalog.product("copy")))
        .isEqualTo("file:" + warehouse + "/consumer_gold/copy");
    Path site = warehouse.resolve("site");
    CatalogSite.write(catalog, Map.of(SCORES, scores), warehouse.toString(), site);
    assertThat(Files.readString(site.resolve(CatalogSite.page(SCORES)))).contains("<code>" + observed + "</code>");
    assertThat(Files.readString(site.resolve(CatalogSite.page(COPY))))
        .contains("<code>file:" + warehouse + "/consumer_gold/copy</code>");
  }

  @Test
  void anUnknownProductNamesTheProductsThatExist() {
    assertThatThrownBy(() -> catalog().product("scorez"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No data product 'scorez'")
        .hasMessageContaining("people_gold.scores, consumer_gold.copy");
  }

  @Test
  void searchSaysWhereTheTextOccurs() {
    List<Catalog.Match> matches = catalog().search("TOTAL");

    assertThat(matches).extracting(m -> m.product().id()).containsExactly(SCORES, COPY);
    assertThat(matches.get(0).where()).containsExactly("column total");
    assertThat(catalog().search("product copy")).singleElement()
        .satisfies(m -> assertThat(m.where()).containsExactly("description"));
    assertThat(catalog().search("nothing like this")).isEmpty();
  }

  @Test
  void consumerClassesComeFromTheOnePlaceGovernanceAnswers() {
    Catalog governed = Catalog.of(domains(), new Environment("test", warehouse.toString(), "unused", null, null),
        product -> product.equals(SCORES) ? Optional.of(List.of("actuarial", "research")) : Optional.empty());

    assertThat(governed.consumerClasses(SCORES)).contains(List.of("actuarial", "research"));
    assertThat(governed.consumerClasses(COPY)).isEmpty();
  }

  @Test
  void theLineagePictureBandsDomainsAndDrawsEveryReadLeftToRightWithoutOverlaps() {
    Catalog catalog = catalog();
    Map<TableId, LineageSvg.Box> boxes = LineageSvg.layout(catalog.lineage(), catalog.domains());

    assertThat(boxes).hasSize(4);
    for (Lineage.Edge edge : catalog.lineage().edges()) {
      assertThat(boxes.get(edge.from()).x()).as(edge.toString()).isLessThan(boxes.get(edge.to()).x());
    }
    List<LineageSvg.Box> all = List.copyOf(boxes.values());
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        LineageSvg.Box a = all.get(i);
        LineageSvg.Box b = all.get(j);
        boolean apart = Math.abs(a.x() - b.x()) >= LineageSvg.NODE_WIDTH || Math.abs(a.y() - b.y()) >= LineageSvg.NODE_HEIGHT;
        assertThat(apart).as(a + " and " + b + " overlap").isTrue();
      }
    }
    int lowestPeople = boxes.values().stream().filter(b -> b.table().domain().equals("people")).mapToInt(b -> b.y())
        .max().orElseThrow();
    assertThat(boxes.get(COPY).y()).as("the consumer band is below the people band")
        .isGreaterThan(lowestPeople + LineageSvg.NODE_HEIGHT);
    String svg = LineageSvg.svg(catalog.lineage(), catalog.domains(), Optional.of(SCORES), id -> id.name() + ".html");
    assertThat(svg).contains("<a href=\"copy.html\">").contains("consumer_gold.copy reads people_gold.scores")
        .contains("stroke-dasharray");
  }
}
