package io.meshlake.governance.policy;

import io.meshlake.governance.SmallCellSuppression;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer classes of {@code consumer-classes.yaml}, with the small-cell threshold of aggregate products.
 *
 * @param smallCellThreshold counts below it are hidden for classes that suppress small cells (default 11)
 * @param classes the classes, in the order the file lists them
 */
public record ConsumerClasses(Integer smallCellThreshold, List<ConsumerClass> classes) {
  public ConsumerClasses {
    smallCellThreshold = smallCellThreshold == null ? SmallCellSuppression.DEFAULT_K : smallCellThreshold;
    if (smallCellThreshold < 2) {
      throw new IllegalArgumentException("small_cell_threshold " + smallCellThreshold + " hides nothing; use 2 or more,"
          + " e.g. " + SmallCellSuppression.DEFAULT_K);
    }
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException("no consumer classes: list at least one under classes:");
    }
    Set<String> names = new HashSet<>();
    for (ConsumerClass c : classes) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("consumer class " + c.name() + " is listed twice");
      }
    }
    classes = List.copyOf(classes);
  }
}
