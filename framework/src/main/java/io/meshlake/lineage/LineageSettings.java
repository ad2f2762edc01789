package io.meshlake.lineage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An environment's {@code lineage:} section: where the OpenLineage run events of every table build go. An
 * HTTP API key is never configuration: it comes from {@value Lineage#API_KEY_VARIABLE}.
 *
 * <pre>
 * lineage:
 *   transport: http                 # file (the default), http or none
 *   url: http://localhost:5000      # Marquez
 * </pre>
 *
 * @param transport {@code file} (the default), {@code http} or {@code none}
 * @param file for {@code file}: the file events are appended to, one JSON event per line, relative to the
 *     working directory; default {@code <warehouse>/meshlake_platform/lineage/events.ndjson}
 * @param url for {@code http}: the OpenLineage server, e.g. {@code http://localhost:5000}
 * @param endpoint for {@code http}: the path events are posted to; default {@code /api/v1/lineage}
 * @param timeoutMs for {@code http}: how long sending one event may take; default 5000
 * @param namespace the OpenLineage namespace of the builds' jobs; default {@code meshlake}
 */
public record LineageSettings(Transport transport, String file, String url, String endpoint,
    @JsonProperty("timeout-ms") Integer timeoutMs, String namespace) {
  /** Events appended to the default file in the warehouse. */
  public static final LineageSettings DEFAULT = new LineageSettings(null, null, null, null, null, null);

  public LineageSettings {
    transport = transport == null ? Transport.FILE : transport;
    namespace = namespace == null ? "meshlake" : namespace;
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("lineage.namespace must not be empty: leave it out for 'meshlake'");
    }
    onlyFor(Transport.FILE, transport, "file", file);
    onlyFor(Transport.HTTP, transport, "url", url);
    onlyFor(Transport.HTTP, transport, "endpoint", endpoint);
    onlyFor(Transport.HTTP, transport, "timeout-ms", timeoutMs);
    if (transport == Transport.HTTP) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("lineage.url is required with transport: http: set it to the OpenLineage"
            + " server, e.g. url: http://localhost:5000 (Marquez)");
      }
      if (!isHttpUrl(url)) {
        throw new IllegalArgumentException("lineage.url must be an http(s) URL such as http://localhost:5000, got '"
            + url + "'");
      }
      endpoint = endpoint == null ? "/api/v1/lineage" : endpoint;
      if (!endpoint.startsWith("/")) {
        throw new IllegalArgumentException("lineage.endpoint must be a path starting with '/', e.g. /api/v1/lineage,"
            + " got '" + endpoint + "'");
      }
      timeoutMs = timeoutMs == null ? 5000 : timeoutMs;
      if (timeoutMs < 1) {
        throw new IllegalArgumentException("lineage.timeout-ms must be at least 1, got " + timeoutMs);
      }
    }
  }

  /** For {@code file}: the file the environment names, if it names one. */
  public Optional<Path> filePath() {
    return Optional.ofNullable(file).map(Path::of);
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void onlyFor(Transport needed, Transport transport, String key, Object value) {
    if (value != null && transport != needed) {
      throw new IllegalArgumentException("lineage." + key + " applies to transport " + needed.label()
          + ", but lineage.transport is " + transport.label() + ": remove " + key + ", or set transport: "
          + needed.label());
    }
  }

  /** Where events go. */
  public enum Transport {
    /** Appended to a file, one JSON event per line. */
    FILE,
    /** Posted to an OpenLineage server such as Marquez. */
    HTTP,
    /** Not emitted. */
    NONE;

    /** The spelling in environment files. */
    @JsonValue
    public String label() {
      return Labels.label(this);
    }

    /** The constant an environment file names. */
    @JsonCreator
    public static Transport of(String label) {
      return Labels.parse(values(), label, "lineage.transport");
    }
  }
}
