package io.meshlake.lineage;

import io.meshlake.run.RunListener;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.table.Warehouse;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Emits OpenLineage run events for every table build, through the OpenLineage Java client: START when a
 * build begins, COMPLETE when it succeeds (or finds its table up to date), FAIL with the error when it
 * fails, including a product its quality gate kept from publication. Events go to a file (one JSON event
 * per line, by default {@code <warehouse>/meshlake_platform/lineage/events.ndjson}) or to an OpenLineage
 * server over HTTP, as the environment's {@code lineage:} section says.
 *
 * <p>Lineage never fails a run: when events cannot be written or sent, the run's progress shows one
 * warning and the rest of the run's events are dropped.
 */
public final class Lineage implements RunListener {
  /** The environment variable holding the HTTP transport's API key, sent as a bearer token. */
  public static final String API_KEY_VARIABLE = "MESHLAKE_OPENLINEAGE_API_KEY";
  /** The default events file, in the platform's namespace of the warehouse. */
  private static final String DEFAULT_FILE = "lineage/events.ndjson";

  private final LineageSettings settings;
  private final Warehouse store;
  private final Optional<String> apiKey;
  private final Consumer<String> progress;
  private OpenLineageClient client;

  /**
   * @param apiKey for the HTTP transport: the key sent as a bearer token, if the server wants one
   * @param progress where the warning goes when events cannot be emitted
   */
  public Lineage(LineageSettings settings, Warehouse store, Optional<String> apiKey, Consumer<String> progress) {
    this.settings = settings;
    this.store = store;
    this.apiKey = apiKey;
    this.progress = progress;
  }

  /** Lineage as the environment configures it, with the API key from {@value #API_KEY_VARIABLE}, if set. */
  public static Lineage configured(LineageSettings settings, Warehouse store, Consumer<String> progress) {
    return new Lineage(settings, store, Optional.ofNullable(System.getenv(API_KEY_VARIABLE)).filter(k -> !k.isBlank()),
        progress);
  }

  @Override
  public synchronized Builds runStarted(String runId, String domain, RunOptions options) {
    if (settings.transport() == LineageSettings.Transport.NONE) {
      return Builds.NONE;
    }
    String destination = destination();
    try {
      if (settings.transport() == LineageSettings.Transport.FILE) {
        requireWritable(file());
      }
      if (client == null) { // one client for all runs: a client registers its metrics globally
        client = OpenLineageClient.builder().transport(transport()).build();
      }
      return new LineageRun(client, new BuildEvents(store, settings.namespace(), runId, domain, options), destination,
          progress);
    } catch (RuntimeException | IOException | LinkageError e) {
      progress.accept(LineageRun.warning(destination, e));
      return Builds.NONE;
    }
  }

  private Transport transport() {
    if (settings.transport() == LineageSettings.Transport.HTTP) {
      HttpConfig http = new HttpConfig();
      http.setUrl(URI.create(settings.url()));
      http.setEndpoint(settings.endpoint());
      http.setTimeoutInMillis(settings.timeoutMs());
      apiKey.ifPresent(key -> {
        ApiKeyTokenProvider token = new ApiKeyTokenProvider();
        token.setApiKey(key);
        http.setAuth(token);
      });
      return new HttpTransport(http);
    }
    return new FileTransport(new FileConfig(file().toString()));
  }

  /**
   * Creates the events file if need be. The client's file transport logs a failed write and carries on:
   * this finds out before the run, so that the run warns once.
   */
  private static void requireWritable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.flush();
    }
  }

  /** The events file: the environment's, or the default one in the warehouse when that is a local folder. */
  private Path file() {
    Optional<Path> configured = settings.filePath().map(Path::toAbsolutePath);
    if (configured.isPresent()) {
      return configured.get();
    }
    URI location = new org.apache.hadoop.fs.Path(store.delta().location(RunLog.NAMESPACE, DEFAULT_FILE)).toUri();
    if (!"file".equals(location.getScheme())) {
      throw new IllegalStateException("the warehouse is not a local folder (" + location + "), so there is no default"
          + " events file: set lineage.file to a local file, or lineage.transport to http or none");
    }
    return Path.of(location);
  }

  /** Where events go, for messages; never the API key. */
  private String destination() {
    return settings.transport() == LineageSettings.Transport.HTTP
        ? settings.url().replaceAll("/+$", "") + settings.endpoint()
        : settings.filePath().map(p -> p.toAbsolutePath().toString())
            .orElseGet(() -> store.delta().location(RunLog.NAMESPACE, DEFAULT_FILE));
  }
}
