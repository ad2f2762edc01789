package io.meshlake.governance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * A pseudonym key for local development and demos: a keyring file with one random key, id
 * {@value #KEY_ID}, created outside the repository (by default {@code ~/.meshlake/dev-pseudonym.key})
 * with mode 600. Pseudonyms made with it are only as secret as that file: never use it on real data.
 */
public final class DevPseudonymKey {
  /** The id of the development key. */
  public static final String KEY_ID = "dev";

  private DevPseudonymKey() {}

  /** {@code ~/.meshlake/dev-pseudonym.key}. */
  public static Path defaultLocation() {
    return Path.of(System.getProperty("user.home"), ".meshlake", "dev-pseudonym.key");
  }

  /**
   * Creates the development key file if it does not exist, and says which file is used.
   *
   * @param file where the key lives; refused inside a git working tree
   * @param say receives one line for the user, e.g. for standard error
   * @return the keyring read from the file
   */
  public static PseudonymKeyring ensure(Path file, Consumer<String> say) {
    PseudonymKeyring.requireSafeLocation(file);
    if (!Files.exists(file) && create(file)) {
      say.accept("Created a development pseudonym key in " + file + " (mode 600, outside the repository; "
          + "not for real data). Set " + PseudonymKeyring.KEY_FILE_ENV + " to use your own key.");
    } else {
      say.accept("Using the development pseudonym key in " + file + " (not for real data)");
    }
    return PseudonymKeyring.readFile(file);
  }

  /**
   * Writes a new random key to {@code file}: with mode 600 from the start, so the secret is never readable
   * by others, then linked into place in one step, so of two jobs starting at once one creates the key and
   * both use it.
   *
   * @return false when another job created the file first
   */
  private static boolean create(Path file) {
    byte[] secret = new byte[PseudonymKey.MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    String line = KEY_ID + ":" + Base64.getEncoder().encodeToString(secret) + "\n";
    try {
      Path folder = Files.createDirectories(file.toAbsolutePath().getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path written = Files.createTempFile(folder, ".dev-pseudonym", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(written, line, StandardCharsets.US_ASCII);
        Files.createLink(file, written);
        return true;
      } catch (FileAlreadyExistsException another) {
        return false;
      } finally {
        Files.delete(written);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create development pseudonym key " + file + ": " + e.getMessage()
          + ". Make its folder writable, or set " + PseudonymKeyring.KEY_FILE_ENV + " to a key file of your own.", e);
    }
  }
}
