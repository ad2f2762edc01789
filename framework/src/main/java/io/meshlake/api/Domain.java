package io.meshlake.api;

/**
 * A domain plug-in. A domain team implements this once in its own module and lists the class in
 * {@code META-INF/services/io.meshlake.api.Domain}; the platform finds it with {@link
 * java.util.ServiceLoader} and never needs to change when a domain is added.
 */
public interface Domain {

  /** Declares the domain's tables and data products. Called once per run; must not touch Spark. */
  DomainSpec define();
}
