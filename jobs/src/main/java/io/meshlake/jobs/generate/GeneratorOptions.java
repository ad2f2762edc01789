package io.meshlake.jobs.generate;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@link SyntheaCsvGenerator} generates: how many members, where, from which seed, how many
 * malformed rows, and which slice of the member population (for incremental extracts).
 *
 * @param members number of members (patients) to generate; must be positive
 * @param out output directory; created if missing, existing files of the same name are replaced
 * @param seed seed from which every value and id is derived; same options give byte-identical files
 * @param badFraction probability in [0, 1) that a member-file data row is written malformed
 * @param firstMember ordinal of the first member; members {@code [firstMember, firstMember +
 *     members)} are generated, and ordinals never collide on ids for the same seed. Reference files
 *     (payers, organizations, providers) are written only when this is 0
 * @param part optional file-name part: {@code null} writes {@code patients.csv}, {@code "p0002"}
 *     writes {@code patients.p0002.csv}; letters, digits, {@code _} and {@code -} only
 */
public record GeneratorOptions(
    int members, Path out, long seed, double badFraction, int firstMember, String part) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");

  /** Validates every component; messages name the offending value and how to fix it. */
  public GeneratorOptions {
    if (members <= 0) {
      throw new IllegalArgumentException(
          "members must be > 0, got " + members + ": pass e.g. --members 1000");
    }
    if (out == null) {
      throw new IllegalArgumentException(
          "out must not be null: pass the output directory, e.g. --out target/synthea");
    }
    if (!(badFraction >= 0.0 && badFraction < 1.0)) {
      throw new IllegalArgumentException(
          "badFraction must be in [0, 1), got " + badFraction + ": pass e.g. --bad-fraction 0.01");
    }
    if (firstMember < 0) {
      throw new IllegalArgumentException(
          "firstMember must be >= 0, got "
              + firstMember
              + ": pass 0 for a first extract, or the member count of the earlier extracts for an"
              + " increment, e.g. --first-member 10000");
    }
    if ((long) firstMember + members > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "firstMember + members must be <= "
              + Integer.MAX_VALUE
              + ", got "
              + firstMember
              + " + "
              + members
              + ": lower --members or --first-member");
    }
    if (part != null && !PART.matcher(part).matches()) {
      throw new IllegalArgumentException(
          "part must match [A-Za-z0-9_-]+ (it becomes part of file names), got \""
              + part
              + "\": pass e.g. --part p0002, or omit it for plain file names");
    }
  }

  /**
   * Options for a first, clean extract: seed 42, no malformed rows, members from ordinal 0, plain
   * file names.
   *
   * @param members number of members to generate
   * @param out output directory
   * @return the options
   */
  public static GeneratorOptions of(int members, Path out) {
    return new GeneratorOptions(members, out, 42L, 0.0, 0, null);
  }

  /**
   * @param newSeed seed to derive all values from
   * @return a copy with the given seed
   */
  public GeneratorOptions withSeed(long newSeed) {
    return new GeneratorOptions(members, out, newSeed, badFraction, firstMember, part);
  }

  /**
   * @param newBadFraction probability in [0, 1) that a member-file row is malformed
   * @return a copy with the given malformed-row probability
   */
  public GeneratorOptions withBadFraction(double newBadFraction) {
    return new GeneratorOptions(members, out, seed, newBadFraction, firstMember, part);
  }

  /**
   * @param newFirstMember ordinal of the first generated member
   * @return a copy starting at the given member ordinal
   */
  public GeneratorOptions withFirstMember(int newFirstMember) {
    return new GeneratorOptions(members, out, seed, badFraction, newFirstMember, part);
  }

  /**
   * @param newPart file-name part, or {@code null} for plain file names
   * @return a copy writing files named with the given part
   */
  public GeneratorOptions withPart(String newPart) {
    return new GeneratorOptions(members, out, seed, badFraction, firstMember, newPart);
  }
}
