package io.meshlake.plan;

import io.meshlake.api.Layer;
import java.util.Optional;

/**
 * What a run builds within one domain: the whole domain, one layer, or one table; optionally with
 * everything in the domain downstream of it.
 */
public record Selection(String domain, Optional<Layer> layer, Optional<String> table, boolean downstream) {

  /** The whole domain. */
  public static Selection domain(String domain) {
    return new Selection(domain, Optional.empty(), Optional.empty(), false);
  }
}
