package io.meshlake.catalog;

import io.meshlake.api.TableId;
import java.util.List;
import java.util.Optional;

/**
 * Which consumer classes (e.g. {@code clinical}, {@code actuarial}, {@code research}) may read a data
 * product: the answer of the governance policies. The catalog asks this one place and shows the answer
 * beside the contract's list of known consumers; a policy reader implements it.
 */
@FunctionalInterface
public interface ConsumerAccess {
  /** Used until governance policies are configured: no answer for any product. */
  ConsumerAccess NOT_CONFIGURED = product -> Optional.empty();

  /**
   * The consumer classes granted read access to the product.
   *
   * @return empty when no policy speaks about the product (the catalog then says so), else the classes
   */
  Optional<List<String>> classes(TableId product);
}
