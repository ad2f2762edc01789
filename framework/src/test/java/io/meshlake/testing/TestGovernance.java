package io.meshlake.testing;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Layer;
import io.meshlake.governance.ConsumerSession;
import io.meshlake.governance.Governor;
import io.meshlake.governance.PseudonymKey;
import io.meshlake.governance.PseudonymKeyring;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.table.Warehouse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/** Governance for tests of publications: the shipped policies (conf/governance/) and a random key. */
public final class TestGovernance {
  private static final PseudonymKeyring KEYS = new PseudonymKeyring(List.of(randomKey("test")));

  private TestGovernance() {}

  /** A governor with the shipped policies and this JVM's random test key. */
  public static Governor governor(Warehouse store) {
    return governor(store, Optional.empty());
  }

  /** A governor with the policy files of a folder (the others shipped) and this JVM's random test key. */
  public static Governor governor(Warehouse store, Optional<Path> policies) {
    return new Governor(store, PolicySet.load(policies), () -> KEYS);
  }

  /**
   * The rows of a query run as a consumer class over a domain's gold products, as {@code sql --as} runs it; a
   * warning (a product without the class's view or table) fails the test.
   */
  public static List<Row> asClass(Warehouse store, Governor governor, String consumerClass, DomainSpec domain,
      String query) {
    List<DerivedTable> gold = domain.tables().stream().filter(t -> t.id().layer() == Layer.GOLD)
        .map(DerivedTable.class::cast).toList();
    try (ConsumerSession session = ConsumerSession.open(store, governor, consumerClass, gold, warning -> {
      throw new AssertionError(warning);
    })) {
      return session.query(query).collectAsList();
    }
  }

  /** A key with a random secret. */
  public static PseudonymKey randomKey(String id) {
    byte[] secret = new byte[PseudonymKey.MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return new PseudonymKey(id, secret);
  }
}
