package io.meshlake.plan;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the domain plug-ins on the classpath ({@code META-INF/services/io.meshlake.api.Domain}). */
public final class Domains {
  private Domains() {}

  /** The declarations of every domain on the classpath. */
  public static List<DomainSpec> discover() {
    List<DomainSpec> specs = new ArrayList<>();
    for (Domain domain : ServiceLoader.load(Domain.class)) {
      specs.add(domain.define());
    }
    return specs;
  }
}
