package io.meshlake.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * What an identifier identifies, e.g. a member or a provider. Pseudonyms are namespaced by kind: the
 * same value is the same pseudonym in every domain when it is the same kind of identifier, and member
 * {@code 123} and provider {@code 123} get unrelated pseudonyms.
 *
 * @param name lower-case letters, digits and underscores, e.g. {@code member}
 */
public record IdentifierKind(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** Members (patients) of the health plan, across every domain. */
  public static final IdentifierKind MEMBER = new IdentifierKind("member");
  /** Providers (practitioners and organisations). */
  public static final IdentifierKind PROVIDER = new IdentifierKind("provider");

  /** Reads a contract's {@code identifier} value, e.g. {@code member}. */
  @JsonCreator
  public static IdentifierKind of(String name) {
    return new IdentifierKind(name);
  }

  /** The name, as contracts spell it. */
  @JsonValue
  @Override
  public String name() {
    return name;
  }

  public IdentifierKind {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid identifier kind '" + name
          + "': use lower-case letters, digits and underscores, e.g. member");
    }
  }
}
