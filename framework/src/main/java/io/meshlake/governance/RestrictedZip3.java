package io.meshlake.governance;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Safe Harbor's rule for ZIP codes: the first three digits, or {@code 000} for the prefixes whose area
 * holds 20,000 people or fewer (listed, with their source, in
 * {@code meshlake/governance/restricted-zip3.txt}).
 */
final class RestrictedZip3 {
  private static final String RESOURCE = "meshlake/governance/restricted-zip3.txt";
  private static final List<String> PREFIXES = load();

  private RestrictedZip3() {}

  /** A five-digit or ZIP+4 code's published prefix; null for anything that is not a ZIP code. */
  static Column generalise(Column zip) {
    Column prefix = substring(zip, 1, 3);
    return when(zip.rlike("^[0-9]{5}(-?[0-9]{4})?$"),
        when(prefix.isin(PREFIXES.toArray()), lit("000")).otherwise(prefix));
  }

  private static List<String> load() {
    try (InputStream in = RestrictedZip3.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath; the framework jar is incomplete");
      }
      List<String> prefixes = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
      for (String prefix : prefixes) {
        if (!prefix.matches("[0-9]{3}")) {
          throw new IllegalStateException(RESOURCE + " holds '" + prefix + "'; every line must be three digits");
        }
      }
      return prefixes;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
