package io.meshlake.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads definition files that domain modules and the quality-rules module put on the classpath
 * (SQL transforms, contracts, rule files), through the context class loader so that plug-in class
 * loaders work too.
 */
public final class ClasspathResources {
  private ClasspathResources() {}

  /** Applies {@code read} to the resource's content, or returns empty when there is no such resource. */
  public static <T> Optional<T> read(String resource, Function<InputStream, T> read) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClasspathResources.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(read.apply(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** The resource's content as UTF-8 text, or empty when there is no such resource. */
  public static Optional<String> text(String resource) {
    return read(resource, in -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    });
  }
}
