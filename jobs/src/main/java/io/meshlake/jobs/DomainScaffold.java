package io.meshlake.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Writes a new domain module into a meshlake checkout from the templates under {@code scaffold/domain/}
 * (listed in its {@code files.txt}): a domain with an example product, its contract, rule file, sample
 * extract and test; and wires it into the build (a module of {@code domains/pom.xml}, a dependency of
 * {@code jobs/pom.xml}, so the CLI and the job jars carry it). Nothing is written when the name is
 * refused.
 */
final class DomainScaffold {
  private static final String TEMPLATES = "scaffold/domain/";
  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final Pattern LAST_DOMAIN_DEPENDENCY = Pattern.compile(
      "(?s).*<artifactId>meshlake-domain-[a-z0-9_]+</artifactId>.*?</dependency>[ \\t]*\\R");

  private final Path project;

  DomainScaffold(Path project) {
    this.project = project;
    for (String file : List.of("pom.xml", "domains/pom.xml", "jobs/pom.xml", "quality-rules")) {
      if (!Files.exists(project.resolve(file))) {
        throw new IllegalArgumentException(project.toAbsolutePath().normalize() + " is not a meshlake checkout (it has no "
            + file + "): run new-domain from the project's root folder, or pass --project DIR");
      }
    }
  }

  /**
   * Refuses a name that is not snake_case, is a Java keyword (it names the domain's package), or names a
   * domain that exists.
   *
   * @param known the domains on the classpath
   */
  void checkName(String name, Collection<String> known) {
    if (name == null || !SNAKE.matcher(name).matches()) {
      String suggestion = name == null ? "pharmacy" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
          .replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException("Invalid domain name '" + name + "': use snake_case (lower-case letters and"
          + " digits, words joined by single underscores, starting with a letter)"
          + (SNAKE.matcher(suggestion).matches() ? ", e.g. " + suggestion : ""));
    }
    if (SourceVersion.isKeyword(name)) {
      throw new IllegalArgumentException("Invalid domain name '" + name + "': it is a Java keyword and the domain's"
          + " package would be io.meshlake.domains." + name + ". Choose another name");
    }
    if (known.contains(name) || Files.exists(project.resolve("domains").resolve(name))
        || Files.exists(project.resolve("quality-rules").resolve(name))) {
      throw new IllegalArgumentException("Domain '" + name + "' already exists (domains/" + name + " or quality-rules/"
          + name + ", or a domain plug-in of that name). Known domains: " + String.join(", ", known)
          + ". Choose another name, or edit the existing domain");
    }
  }

  /**
   * Writes the module and wires it into the build.
   *
   * @return the files written and changed, relative to the project
   */
  List<String> write(String name, String owner) {
    String domainsPom = insertBefore(read("domains/pom.xml"), "  </modules>", "    <module>" + name + "</module>\n");
    String jobsPom = read("jobs/pom.xml");
    Matcher last = LAST_DOMAIN_DEPENDENCY.matcher(jobsPom);
    if (!last.lookingAt()) {
      throw new IllegalStateException("jobs/pom.xml has no dependency on a meshlake-domain-* module to add " + name
          + " beside: nothing was written. Add it by hand, or restore jobs/pom.xml");
    }
    jobsPom = jobsPom.substring(0, last.end()) + "    <dependency>\n      <groupId>io.meshlake</groupId>\n"
        + "      <artifactId>meshlake-domain-" + name + "</artifactId>\n      <version>${project.version}</version>\n"
        + "    </dependency>\n" + jobsPom.substring(last.end());
    Map<String, String> values = Map.of("domain", name, "Domain", pascalCase(name), "owner", owner);
    List<String> written = new ArrayList<>();
    for (String line : template("files.txt").lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("->");
        String target = render(parts[1].trim(), values);
        writeFile(target, render(template(parts[0].trim()), values));
        written.add(target);
      }
    }
    writeFile("domains/pom.xml", domainsPom);
    writeFile("jobs/pom.xml", jobsPom);
    written.add("domains/pom.xml (module " + name + ")");
    written.add("jobs/pom.xml (dependency meshlake-domain-" + name + ")");
    return written;
  }

  /** {@code home_care} becomes {@code HomeCare}. */
  static String pascalCase(String snake) {
    StringBuilder out = new StringBuilder();
    for (String word : snake.split("_")) {
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private String read(String file) {
    try {
      return Files.readString(project.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + project.resolve(file) + ": " + e.getMessage(), e);
    }
  }

  private void writeFile(String file, String content) {
    Path path = project.resolve(file);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static String insertBefore(String text, String anchor, String insert) {
    int at = text.indexOf(anchor);
    if (at < 0) {
      throw new IllegalStateException("domains/pom.xml has no '" + anchor.trim() + "' line to add the module before:"
          + " nothing was written. Add the module by hand, or restore domains/pom.xml");
    }
    return text.substring(0, at) + insert + text.substring(at);
  }

  private static String template(String name) {
    try (InputStream in = DomainScaffold.class.getClassLoader().getResourceAsStream(TEMPLATES + name)) {
      if (in == null) {
        throw new IllegalStateException("The template " + TEMPLATES + name + " is missing from the meshlake jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the template " + name, e);
    }
  }

  private static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("Template placeholder {{" + m.group(1) + "}} has no value; known: " + values.keySet());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }
}
