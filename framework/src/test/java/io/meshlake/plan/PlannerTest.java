package io.meshlake.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.api.DerivedTable;
import io.meshlake.contract.Contracts;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Input;
import io.meshlake.api.Layer;
import io.meshlake.api.ReadMode;
import io.meshlake.api.SqlTransform;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.api.WriteMode;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.FieldType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final CsvLayout LAYOUT = CsvLayout.builder("l", "rows").required("Id", FieldType.STRING).build();

  private static Table gold(String name, String... from) {
    return Table.named(name).from(from).transform(c -> c.input(from[0])).overwrite();
  }

  private static DomainSpec member() {
    return DomainSpec.builder("member")
        .ingest("patients_raw", LAYOUT)
        .silver(Table.named("members").fromNewRowsOf("patients_raw").transform(c -> c.input("patients_raw")).merge("id"))
        .gold(gold("member_months", "members"))
        .build();
  }

  private static DomainSpec claims(String memberInput) {
    return DomainSpec.builder("claims")
        .ingest("claims_raw", LAYOUT)
        .silver(Table.named("claim_lines").from("claims_raw").transform(c -> c.input("claims_raw")).merge("id"))
        .gold(gold("payer_pmpm", "claim_lines", memberInput))
        .build();
  }

  @Test
  void ordersTablesByTheirInputsAcrossDomains() {
    Planner planner = Planner.of(List.of(claims("member_gold.member_months"), member()));
    List<String> order = planner.allSteps().stream().map(s -> s.id().qualifiedName()).toList();
    assertThat(order.indexOf("member_gold.member_months")).isLessThan(order.indexOf("claims_gold.payer_pmpm"));
    assertThat(order.indexOf("claims_silver.claim_lines")).isLessThan(order.indexOf("claims_gold.payer_pmpm"));
    assertThat(order.indexOf("member_bronze.patients_raw")).isLessThan(order.indexOf("member_silver.members"));
  }

  @Test
  void domainsAreOrderedAfterTheDomainsTheyRead() {
    assertThat(Planner.of(List.of(claims("member_gold.member_months"), member())).domainOrder())
        .containsExactly("member", "claims");
  }

  @Test
  void aDomainPlanListsTheOtherDomainsProductsItReads() {
    Plan plan = Planner.of(List.of(claims("member_gold.member_months"), member())).plan(Selection.domain("claims"));
    assertThat(plan.steps()).extracting(s -> s.id().qualifiedName())
        .containsExactly("claims_bronze.claims_raw", "claims_silver.claim_lines", "claims_gold.payer_pmpm");
    assertThat(plan.externalInputs()).containsExactly(TableId.parse("member_gold.member_months"));
    assertThat(plan.render()).contains("<- member_gold.member_months  [published by domain member]");
  }

  @Test
  void selectsOneTableAndItsDownstream() {
    Planner planner = Planner.of(List.of(member()));
    Plan one = planner.plan(new Selection("member", Optional.empty(), Optional.of("members"), false));
    assertThat(one.steps()).extracting(s -> s.id().name()).containsExactly("members");
    Plan downstream = planner.plan(new Selection("member", Optional.empty(), Optional.of("members"), true));
    assertThat(downstream.steps()).extracting(s -> s.id().name()).containsExactly("members", "member_months");
    Plan layer = planner.plan(new Selection("member", Optional.of(Layer.BRONZE), Optional.empty(), false));
    assertThat(layer.steps()).extracting(s -> s.id().name()).containsExactly("patients_raw");
  }

  @Test
  void refusesReadingAnotherDomainsSilverNamingIt() {
    assertThatThrownBy(() -> Planner.of(List.of(claims("member_silver.members"), member())))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("claims_gold.payer_pmpm reads member_silver.members")
        .hasMessageContaining("only through its published gold products");
  }

  @Test
  void refusesUnknownInputsNamingThem() {
    assertThatThrownBy(() -> Planner.of(List.of(claims("member_gold.nope"), member())))
        .hasMessageContaining("claims_gold.payer_pmpm reads member_gold.nope, which no domain declares");
    assertThatThrownBy(() -> Planner.of(List.of(claims("enrollment"))))
        .hasMessageContaining("reads 'enrollment', which domain claims does not declare");
  }

  @Test
  void refusesReadingAHigherLayerOfItsOwnDomain() {
    DomainSpec spec = DomainSpec.builder("member")
        .ingest("patients_raw", LAYOUT)
        .silver(Table.named("members").from("member_months").transform(c -> c.input("member_months")).merge("id"))
        .gold(gold("member_months", "patients_raw"))
        .build();
    assertThatThrownBy(() -> Planner.of(List.of(spec)))
        .hasMessageContaining("member_silver.members reads member_gold.member_months")
        .hasMessageContaining("silver cannot read gold");
  }

  @Test
  void refusesCyclesShowingThem() {
    DomainSpec spec = DomainSpec.builder("loop")
        .silver(Table.named("a").from("b").transform(c -> c.input("b")).merge("id"))
        .silver(Table.named("b").from("a").transform(c -> c.input("a")).merge("id"))
        .build();
    assertThatThrownBy(() -> Planner.of(List.of(spec)))
        .hasMessageContaining("cycle")
        .hasMessageMatching("(?s).*loop_silver\\.(a|b) -> loop_silver\\.(a|b) -> loop_silver\\.(a|b).*");
  }

  @Test
  void refusesSqlThatReadsUndeclaredTables() {
    TableId id = new TableId("claims", Layer.GOLD, "sneaky");
    DerivedTable sneaky = new DerivedTable(id, List.of(new Input("claim_lines", ReadMode.SNAPSHOT)),
        new SqlTransform("meshlake/claims/gold/sneaky.sql",
            "WITH x AS (SELECT * FROM claim_lines) SELECT * FROM x JOIN member_silver.members m ON true"
                + " WHERE m.id IN (SELECT id FROM secrets)"),
        new WriteMode.Overwrite(), List.of(), Optional.empty(), Optional.of(Contracts.load("claims", "payer_pmpm")), "");
    DomainSpec base = claims("member_gold.member_months");
    DomainSpec withSneaky = new DomainSpec("claims", concat(base, sneaky));
    assertThatThrownBy(() -> Planner.of(List.of(withSneaky, member())))
        .hasMessageContaining("reads 'member_silver.members', which is not a declared input")
        .hasMessageContaining("reads 'secrets', which is not a declared input")
        .hasMessageNotContaining("reads 'x'")
        .hasMessageNotContaining("reads 'claim_lines'");
  }

  @Test
  void unknownDomainAndTableNameTheKnownOnes() {
    Planner planner = Planner.of(List.of(member()));
    assertThatThrownBy(() -> planner.plan(Selection.domain("billing")))
        .hasMessageContaining("Unknown domain 'billing'").hasMessageContaining("Known domains: member");
    assertThatThrownBy(() -> planner.plan(new Selection("member", Optional.empty(), Optional.of("nope"), false)))
        .hasMessageContaining("no table 'nope'").hasMessageContaining("patients_raw, members, member_months");
  }

  @Test
  void goldWithoutAContractIsRefusedAtDeclaration() {
    assertThatThrownBy(() -> DomainSpec.builder("member")
            .gold(Table.named("x").from("y").transform(c -> c.input("y")).overwrite()).build())
        .hasMessageContaining("meshlake/member/contracts/x.yaml")
        .hasMessageContaining("member_gold.x has no contract");
  }

  @Test
  void aGoldDescriptionBelongsInTheContract() {
    assertThatThrownBy(() -> DomainSpec.builder("member")
            .gold(gold("member_months", "y").description("in Java")).build())
        .hasMessageContaining("belongs in its contract, meshlake/member/contracts/member_months.yaml");
  }

  private static List<io.meshlake.api.TableSpec> concat(DomainSpec spec, io.meshlake.api.TableSpec extra) {
    List<io.meshlake.api.TableSpec> all = new java.util.ArrayList<>(spec.tables());
    all.add(extra);
    return all;
  }
}
