package io.meshlake.api;

import io.meshlake.config.ClasspathResources;
import io.meshlake.fhir.view.FhirView;
import io.meshlake.fhir.view.ViewDefinition;
import io.meshlake.fhir.view.ViewDefinitionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A transform written as a SQL on FHIR v2 ViewDefinition (JSON) in a file of the domain module, under
 * {@code src/main/resources/meshlake/<domain>/}: the view's rows over the latest version of each
 * resource ({@link Deduplicate#latestFhirVersion}) of one bronze FHIR table. Declared with
 * {@link Table#view(String)}; Java transforms that need a view's rows among other work load one with
 * {@link #load} and call {@link #over}.
 *
 * @param resource the classpath resource the view was read from
 * @param input the name of the bronze table the view reads (the table's one input)
 * @param view the parsed view; it is compiled, and checked, when loaded
 */
public record ViewTransform(String resource, String input, ViewDefinition view) implements Transform {

  /**
   * Loads and checks {@code meshlake/<domain>/<path>} from the classpath.
   *
   * @throws IllegalArgumentException naming the resource and where to put it when it is missing, or
   *     naming every problem of an invalid view
   */
  public static ViewTransform load(String domain, String path, String input) {
    String resource = "meshlake/" + domain + "/" + path;
    ViewDefinition view = ClasspathResources.read(resource, in -> parse(resource, in))
        .orElseThrow(() -> new IllegalArgumentException("ViewDefinition " + resource + " is not on the classpath: put it"
            + " in domains/" + domain + "/src/main/resources/" + resource));
    return new ViewTransform(resource, input, view);
  }

  private static ViewDefinition parse(String resource, InputStream in) {
    try {
      ViewDefinition view = ViewDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      FhirView.schema(view); // compiles the FHIRPath and the column types now, not when a run reaches the table
      return view;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read ViewDefinition " + resource, e);
    } catch (ViewDefinitionException e) {
      throw new IllegalArgumentException("ViewDefinition " + resource + " is invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public Dataset<Row> apply(TransformContext context) {
    return over(context.input(input));
  }

  /** The view's rows over the latest version of each resource of these bronze rows. */
  public Dataset<Row> over(Dataset<Row> bronzeRows) {
    return FhirView.apply(Deduplicate.latestFhirVersion(bronzeRows), view);
  }
}
