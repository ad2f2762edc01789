package io.meshlake.jobs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) opening pages as a person would: the DOM after
 * scripts ran, or a screenshot. Tests that need it are skipped, saying how to install it, when it is absent.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /** Skips the calling test when Chromium is not installed. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY), "Chromium is not installed (" + BINARY + "): as root, run"
        + " `apt-get install -y chromium` to run the catalog site's browser checks");
  }

  /** The page's DOM, serialised after its scripts ran. */
  static String dumpDom(String url) throws IOException, InterruptedException {
    return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
  }

  /** Saves a screenshot of the page, {@code width} x {@code height} pixels, as a PNG. */
  static void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", url));
  }

  private static byte[] run(List<String> arguments) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(arguments);
    Path log = Files.createTempFile("chromium", ".log");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish within 120 s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("Chromium exited with " + process.exitValue() + ": " + Files.readString(log));
    }
    return out;
  }
}
