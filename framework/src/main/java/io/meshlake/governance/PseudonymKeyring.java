package io.meshlake.governance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The pseudonym keys of an installation: every key ever used, by id, and the current one, which new
 * publications use. Older keys stay in the ring so a publication made under them can be reproduced;
 * nothing re-pseudonymises an existing publication.
 *
 * <p>Keys come from the environment, never from configuration files:
 *
 * <ul>
 *   <li>{@code MESHLAKE_PSEUDONYM_KEY=<id>:<base64 secret>} — one key, the current one; or
 *   <li>{@code MESHLAKE_PSEUDONYM_KEY_FILE=<path>} — a keyring file outside the repository, not
 *       readable by other users (mode 600). One key per line as {@code <id>:<base64 secret>}; blank
 *       lines and lines starting with {@code #} are ignored. <b>The last key is the current one</b>:
 *       to rotate, append a line with a new id.
 * </ul>
 *
 * Setting both is refused, as it is ambiguous. Secrets are at least 32 bytes, e.g.
 * {@code echo "2025-01:$(head -c 32 /dev/urandom | base64)" >> ~/.meshlake/pseudonym.keys}.
 */
public final class PseudonymKeyring {
  /** Environment variable holding one key as {@code <id>:<base64 secret>}. */
  public static final String KEY_ENV = "MESHLAKE_PSEUDONYM_KEY";
  /** Environment variable holding the path of a keyring file. */
  public static final String KEY_FILE_ENV = "MESHLAKE_PSEUDONYM_KEY_FILE";

  private final Map<String, PseudonymKey> keys;
  private final PseudonymKey current;

  /**
   * @param keys the keys, oldest first; the last is current
   * @throws IllegalArgumentException when there is no key or an id repeats
   */
  public PseudonymKeyring(List<PseudonymKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("A pseudonym keyring needs at least one key");
    }
    Map<String, PseudonymKey> byId = new LinkedHashMap<>();
    for (PseudonymKey key : keys) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("Pseudonym key id '" + key.id()
            + "' appears twice; give every key its own id");
      }
    }
    this.keys = byId;
    this.current = keys.get(keys.size() - 1);
  }

  /** The keyring named by this process's environment ({@link #KEY_ENV} or {@link #KEY_FILE_ENV}). */
  public static PseudonymKeyring fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * The keyring a platform uses: the one the process's environment names ({@link #KEY_ENV} or {@link
   * #KEY_FILE_ENV}); else, where the meshlake environment allows a development key, that key file
   * (created if missing, see {@link DevPseudonymKey}).
   *
   * @param devKey the development key file, if allowed
   * @param say where to say which key file is used (never the secret)
   * @throws IllegalStateException saying how to provide a key when there is none
   */
  public static PseudonymKeyring forPlatform(Optional<Path> devKey, Consumer<String> say) {
    return forPlatform(System::getenv, devKey, say);
  }

  static PseudonymKeyring forPlatform(UnaryOperator<String> env, Optional<Path> devKey, Consumer<String> say) {
    if (env.apply(KEY_ENV) == null && env.apply(KEY_FILE_ENV) == null && devKey.isPresent()) {
      return DevPseudonymKey.ensure(devKey.get(), say);
    }
    PseudonymKeyring keyring = fromEnvironment(env);
    say.accept("Pseudonym key '" + keyring.current().id() + "' from $" + (env.apply(KEY_ENV) != null ? KEY_ENV
        : KEY_FILE_ENV));
    return keyring;
  }

  /** The keyring named by an environment, given as a lookup of variable values (null when unset). */
  static PseudonymKeyring fromEnvironment(UnaryOperator<String> env) {
    String inline = env.apply(KEY_ENV);
    String file = env.apply(KEY_FILE_ENV);
    if (inline != null && file != null) {
      throw new IllegalStateException("Both " + KEY_ENV + " and " + KEY_FILE_ENV + " (" + file
          + ") are set; unset one of them");
    }
    if (inline != null) {
      return new PseudonymKeyring(List.of(parseKey(inline, "$" + KEY_ENV)));
    }
    if (file != null) {
      return readFile(Path.of(file));
    }
    throw new IllegalStateException("No pseudonym key: set " + KEY_ENV + "=<id>:<base64 secret> or "
        + KEY_FILE_ENV + "=<path of a keyring file outside the repository, mode 600>. "
        + "For local development, set governance.dev-key in the environment (conf/local.yaml does: ~/.meshlake/dev-pseudonym.key)");
  }

  /**
   * Reads a keyring file.
   *
   * @throws IllegalStateException when the file is inside a git working tree or readable by other users
   * @throws IllegalArgumentException naming the file and line of a malformed key (never its secret)
   */
  public static PseudonymKeyring readFile(Path file) {
    requireSafeLocation(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read pseudonym key file " + file + ": " + e.getMessage(), e);
    }
    List<PseudonymKey> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        keys.add(parseKey(line, file + " line " + (i + 1)));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("Pseudonym key file " + file + " holds no key; add a line <id>:<base64 secret>");
    }
    return new PseudonymKeyring(keys);
  }

  private static PseudonymKey parseKey(String text, String source) {
    int colon = text.indexOf(':');
    Optional<byte[]> secret = colon > 0 ? decodeBase64(text.substring(colon + 1).strip()) : Optional.empty();
    if (secret.isEmpty()) {
      // The text is not echoed: it may hold a secret.
      throw new IllegalArgumentException(source + " is not a pseudonym key: write <id>:<base64 secret>, e.g. "
          + "2025-01:$(head -c 32 /dev/urandom | base64)");
    }
    try {
      return new PseudonymKey(text.substring(0, colon), secret.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Optional<byte[]> decodeBase64(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Refuses a key file inside a git working tree (it could be committed) or readable by other users.
   */
  static void requireSafeLocation(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    workingTreeOf(absolute).ifPresent(tree -> {
      throw new IllegalStateException("Pseudonym key file " + absolute + " is inside the git working tree "
          + tree + ", where it could be committed; move it outside the repository, e.g. to ~/.meshlake/");
    });
    if (!Files.exists(absolute)) {
      return;
    }
    try {
      if (Files.getPosixFilePermissions(absolute).contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalStateException("Pseudonym key file " + absolute
            + " is readable by every user; restrict it with: chmod 600 " + absolute);
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its access control lists are the operator's to set.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the permissions of " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Path> workingTreeOf(Path file) {
    try {
      Path real = Files.exists(file) ? file.toRealPath() : file;
      for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.exists(dir.resolve(".git"))) {
          return Optional.of(dir);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key new publications use. */
  public PseudonymKey current() {
    return current;
  }

  /**
   * The key with an id, e.g. the one an older publication recorded.
   *
   * @throws IllegalArgumentException naming the id and the ids the ring holds
   */
  public PseudonymKey key(String id) {
    PseudonymKey key = keys.get(id);
    if (key == null) {
      throw new IllegalArgumentException("No pseudonym key '" + id + "' in the keyring; it holds " + keys.keySet());
    }
    return key;
  }

  /** Ids only; no secret. */
  @Override
  public String toString() {
    return "PseudonymKeyring[keys=" + keys.keySet() + ", current=" + current.id() + "]";
  }
}
