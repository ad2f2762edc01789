package io.meshlake.governance.policy;

import io.meshlake.config.ClasspathResources;
import io.meshlake.config.DefinitionException;
import io.meshlake.config.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The governance policies as code, from {@code conf/governance/}: consumer classes
 * ({@code consumer-classes.yaml}), consent ({@code consent.yaml}) and global standards
 * ({@code standards.yaml}). Each file is read from the environment's policy folder when it has it,
 * else from the classpath (the job jar bundles {@code conf/}). Every problem is a
 * {@link DefinitionException} naming the file and line.
 *
 * @param consumerClasses who reads gold products and what each column becomes for them
 * @param consent purposes, consent model and decision sources
 * @param standards naming and contract standards
 */
public record PolicySet(ConsumerClasses consumerClasses, ConsentPolicy consent, Standards standards) {
  /** The classpath folder of the bundled policies. */
  public static final String RESOURCE_FOLDER = "conf/governance/";
  static final String CLASSES_FILE = "consumer-classes.yaml";
  static final String CONSENT_FILE = "consent.yaml";
  static final String STANDARDS_FILE = "standards.yaml";

  /**
   * Reads the policies.
   *
   * @param folder the environment's policy folder, whose files win over the bundled ones
   * @throws DefinitionException naming the file and line of the first problem
   */
  public static PolicySet load(Optional<Path> folder) {
    Source classesFile = Source.of(folder, CLASSES_FILE);
    ConsumerClasses classes = classesFile.read(ConsumerClasses.class);
    ConsentPolicy consent = Source.of(folder, CONSENT_FILE).read(ConsentPolicy.class);
    Standards standards = Source.of(folder, STANDARDS_FILE).read(Standards.class);
    for (ConsumerClass c : classes.classes()) {
      if (consent.purpose(c.purpose()).isEmpty()) {
        throw new DefinitionException(classesFile.name(), 0, "consumer class " + c.name() + " serves purpose '"
            + c.purpose() + "', which " + CONSENT_FILE + " does not list; use one of " + consent.purposeNames());
      }
    }
    return new PolicySet(classes, consent, standards);
  }

  /**
   * The class with this name.
   *
   * @throws IllegalArgumentException naming the classes there are
   */
  public ConsumerClass consumerClass(String name) {
    return consumerClasses.classes().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No consumer class '" + name + "': the policies ("
            + RESOURCE_FOLDER + CLASSES_FILE + ") define " + consumerClasses.classes().stream().map(ConsumerClass::name)
            .toList()));
  }

  /** Where one policy file comes from: the environment's folder or the classpath. */
  private record Source(String name, Optional<Path> file) {
    static Source of(Optional<Path> folder, String fileName) {
      Optional<Path> file = folder.map(f -> f.resolve(fileName)).filter(Files::exists);
      return new Source(file.map(Path::toString).orElse(RESOURCE_FOLDER + fileName), file);
    }

    <T> T read(Class<T> type) {
      if (file.isPresent()) {
        try (InputStream in = Files.newInputStream(file.get())) {
          return YamlFiles.read(name, in, type);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read policy file " + name + ": " + e.getMessage(), e);
        }
      }
      return ClasspathResources.read(name, in -> YamlFiles.read(name, in, type)).orElseThrow(() ->
          new DefinitionException(name, 0, "the governance policy file is missing from the classpath and from the"
              + " environment's policy folder; restore it from the repository's conf/governance/"));
    }
  }
}
