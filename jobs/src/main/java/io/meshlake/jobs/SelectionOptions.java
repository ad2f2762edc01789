package io.meshlake.jobs;

import io.meshlake.api.Layer;
import io.meshlake.plan.Selection;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What part of a domain a command works on: the domain, optionally one layer or table and what follows. */
final class SelectionOptions {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain, e.g. member or claims.")
  String domain;

  @Option(names = "--layer", paramLabel = "LAYER", description = "Only this layer: bronze, silver or gold.")
  String layer;

  @Option(names = "--table", paramLabel = "TABLE", description = "Only this table (its name without namespace).")
  String table;

  @Option(names = "--downstream", description = "Also everything in the domain that depends on the selection.")
  boolean downstream;

  Selection selection() {
    return new Selection(domain, Optional.ofNullable(layer).map(Layer::parse), Optional.ofNullable(table), downstream);
  }
}
