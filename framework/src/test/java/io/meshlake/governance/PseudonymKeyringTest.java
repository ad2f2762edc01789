package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyringTest {
  @TempDir Path dir;

  static String randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  private Path keyFile(String mode, String... lines) throws IOException {
    Path file = dir.resolve("keys");
    Files.write(file, List.of(lines));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void theLastKeyOfAKeyringFileIsCurrentAndOlderKeysStayAvailable() throws IOException {
    Path file = keyFile("rw-------", "# rotated yearly", "2024:" + randomSecret(), "", "2025:" + randomSecret());

    PseudonymKeyring ring = PseudonymKeyring.fromEnvironment(Map.of(PseudonymKeyring.KEY_FILE_ENV, file.toString())::get);

    assertThat(ring.current().id()).isEqualTo("2025");
    assertThat(ring.key("2024").id()).isEqualTo("2024");
    assertThatThrownBy(() -> ring.key("2023")).hasMessage("No pseudonym key '2023' in the keyring; it holds [2024, 2025]");
  }

  @Test
  void aKeyCanComeFromTheEnvironmentAndNeverShowsItsSecret() {
    String secret = randomSecret();

    PseudonymKeyring ring = PseudonymKeyring.fromEnvironment(Map.of(PseudonymKeyring.KEY_ENV, "k1:" + secret)::get);

    assertThat(ring.current().id()).isEqualTo("k1");
    assertThat(ring.current().secret()).isEqualTo(Base64.getDecoder().decode(secret));
    assertThat(ring.current().toString()).isEqualTo("PseudonymKey[id=k1, secret=<hidden>]");
    assertThat(ring.toString()).isEqualTo("PseudonymKeyring[keys=[k1], current=k1]");
  }

  @Test
  void aWorldReadableKeyFileIsRefused() throws IOException {
    Path file = keyFile("rw-r--r--", "k1:" + randomSecret());

    assertThatThrownBy(() -> PseudonymKeyring.readFile(file))
        .hasMessage("Pseudonym key file " + file + " is readable by every user; restrict it with: chmod 600 " + file);
  }

  @Test
  void aKeyFileInsideAGitWorkingTreeIsRefused() throws IOException {
    Files.createDirectory(dir.resolve(".git"));
    Path file = keyFile("rw-------", "k1:" + randomSecret());

    assertThatThrownBy(() -> PseudonymKeyring.readFile(file))
        .hasMessage("Pseudonym key file " + file + " is inside the git working tree " + dir.toRealPath()
            + ", where it could be committed; move it outside the repository, e.g. to ~/.meshlake/");
  }

  @Test
  void malformedKeysAreRefusedWithoutEchoingTheSecret() throws IOException {
    Path shortKey = keyFile("rw-------", "k1:" + Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> PseudonymKeyring.readFile(shortKey))
        .hasMessageStartingWith(shortKey + " line 1: Pseudonym key 'k1' has 16 secret bytes; at least 32 are required.");

    assertThatThrownBy(() -> PseudonymKeyring.fromEnvironment(Map.of(PseudonymKeyring.KEY_ENV, "not-base64:%%%secret")::get))
        .hasMessageStartingWith("$MESHLAKE_PSEUDONYM_KEY is not a pseudonym key: write <id>:<base64 secret>")
        .message().doesNotContain("secret%");
  }

  @Test
  void bothOrNeitherEnvironmentVariableIsRefused() {
    assertThatThrownBy(() -> PseudonymKeyring.fromEnvironment(Map.of(PseudonymKeyring.KEY_ENV, "k:x",
        PseudonymKeyring.KEY_FILE_ENV, "/keys")::get))
        .hasMessage("Both MESHLAKE_PSEUDONYM_KEY and MESHLAKE_PSEUDONYM_KEY_FILE (/keys) are set; unset one of them");
    assertThatThrownBy(() -> PseudonymKeyring.fromEnvironment(Map.<String, String>of()::get))
        .hasMessageStartingWith("No pseudonym key: set MESHLAKE_PSEUDONYM_KEY=<id>:<base64 secret>");
  }

  @Test
  void duplicateKeyIdsAreRefused() throws IOException {
    Path file = keyFile("rw-------", "k1:" + randomSecret(), "k1:" + randomSecret());

    assertThatThrownBy(() -> PseudonymKeyring.readFile(file))
        .hasMessage("Pseudonym key id 'k1' appears twice; give every key its own id");
  }

  @Test
  void theDevelopmentKeyIsCreatedOnceOutsideTheRepositoryWithMode600() throws IOException {
    Path file = dir.resolve("home/.meshlake/dev-pseudonym.key");
    StringBuilder said = new StringBuilder();

    PseudonymKeyring first = DevPseudonymKey.ensure(file, said::append);
    PseudonymKeyring second = DevPseudonymKey.ensure(file, line -> { });

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(said.toString()).startsWith("Created a development pseudonym key in " + file + " (mode 600");
    assertThat(first.current().id()).isEqualTo("dev");
    assertThat(second.current()).isEqualTo(first.current());
  }

  @Test
  void jobsStartingAtOnceAllUseTheOneDevelopmentKeyThatIsCreated() throws Exception {
    Path file = dir.resolve("race/.meshlake/dev-pseudonym.key");
    int jobs = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(jobs);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
    try {
      List<java.util.concurrent.Future<PseudonymKeyring>> keyrings = new java.util.ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        keyrings.add(pool.submit(() -> {
          start.await();
          return DevPseudonymKey.ensure(file, line -> { });
        }));
      }
      List<PseudonymKey> used = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<PseudonymKeyring> keyring : keyrings) {
        used.add(keyring.get().current());
      }
      assertThat(used).containsOnly(PseudonymKeyring.readFile(file).current());
    } finally {
      pool.shutdownNow();
    }
    try (java.util.stream.Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).as("no temporary key files left behind").containsExactly(file);
    }
  }

  @Test
  void aPlatformUsesTheEnvironmentsKeyFirstAndTheDevelopmentKeyOnlyWhereAllowed() throws IOException {
    String secret = randomSecret();
    Path devKey = dir.resolve("dev/dev-pseudonym.key");
    List<String> said = new java.util.ArrayList<>();

    PseudonymKeyring fromEnv = PseudonymKeyring.forPlatform(
        Map.of(PseudonymKeyring.KEY_ENV, "prod-1:" + secret)::get, java.util.Optional.of(devKey), said::add);
    PseudonymKeyring dev = PseudonymKeyring.forPlatform(name -> null, java.util.Optional.of(devKey), said::add);

    assertThat(fromEnv.current().id()).isEqualTo("prod-1");
    assertThat(dev.current().id()).isEqualTo("dev");
    assertThat(said).containsExactly("Pseudonym key 'prod-1' from $" + PseudonymKeyring.KEY_ENV,
        said.get(1)).noneMatch(line -> line.contains(secret));
    assertThat(said.get(1)).startsWith("Created a development pseudonym key in " + devKey);
    assertThatThrownBy(() -> PseudonymKeyring.forPlatform(name -> null, java.util.Optional.empty(), said::add))
        .hasMessageContaining("No pseudonym key: set " + PseudonymKeyring.KEY_ENV)
        .hasMessageContaining("governance.dev-key");
  }
}
