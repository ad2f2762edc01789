package io.meshlake.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case names by which definition files spell enum constants, e.g. {@code phi} or {@code fail}. */
public final class Labels {
  private Labels() {}

  /** The file spelling of a constant. */
  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant a file names, ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static <E extends Enum<E>> E parse(E[] values, String label, String what) {
    return Arrays.stream(values).filter(v -> label(v).equalsIgnoreCase(label.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown " + what + " '" + label + "': use one of "
            + Arrays.stream(values).map(Labels::label).collect(Collectors.joining(", "))));
  }
}
