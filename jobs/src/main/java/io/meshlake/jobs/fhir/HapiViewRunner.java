package io.meshlake.jobs.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import io.meshlake.fhir.view.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/**
 * The benchmark's comparison: the same ViewDefinitions evaluated with HAPI's {@link FHIRPathEngine} on
 * parsed HAPI resources (expressions parsed once). Handles what the benchmark views use: columns, nested
 * selects, forEach/forEachOrNull and where; not unionAll, repeat or constants.
 */
final class HapiViewRunner {
  private final FHIRPathEngine engine;
  private final ViewDefinition view;
  private final List<ExpressionNode> where = new ArrayList<>();
  private final Node root;

  private record Node(List<ExpressionNode> columns, ExpressionNode forEach, boolean orNull, List<Node> selects) {}

  HapiViewRunner(FhirContext fhir, ViewDefinition view) {
    this.engine = new FHIRPathEngine(new HapiWorkerContext(fhir, new DefaultProfileValidationSupport(fhir)));
    this.view = view;
    view.where().forEach(path -> where.add(engine.parse(path)));
    List<Node> selects = new ArrayList<>();
    view.select().forEach(select -> selects.add(compile(select)));
    this.root = new Node(List.of(), null, false, selects);
  }

  private Node compile(ViewDefinition.Select select) {
    if (!select.unionAll().isEmpty() || !select.repeat().isEmpty()) {
      throw new IllegalArgumentException("The HAPI benchmark runner does not handle unionAll or repeat");
    }
    List<ExpressionNode> columns = select.columns().stream().map(c -> engine.parse(c.path())).toList();
    String iteration = select.forEach() != null ? select.forEach() : select.forEachOrNull();
    List<Node> selects = select.select().stream().map(this::compile).toList();
    return new Node(columns, iteration == null ? null : engine.parse(iteration), select.forEachOrNull() != null, selects);
  }

  /** The rows of one resource, values as their primitive text (null when empty). */
  List<List<String>> rows(Resource resource) {
    if (!resource.fhirType().equals(view.resource())) {
      return List.of();
    }
    for (ExpressionNode filter : where) {
      if (!engine.evaluateToBoolean(resource, resource, resource, resource, filter)) {
        return List.of();
      }
    }
    return rows(root, resource, resource);
  }

  private List<List<String>> rows(Node node, Resource resource, Base focus) {
    List<Base> foci = node.forEach == null ? List.of(focus) : engine.evaluate(resource, resource, resource, focus, node.forEach);
    List<List<String>> out = new ArrayList<>();
    for (Base item : foci) {
      List<String> own = new ArrayList<>();
      for (ExpressionNode column : node.columns) {
        List<Base> values = engine.evaluate(resource, resource, resource, item, column);
        own.add(values.isEmpty() ? null : values.get(0).primitiveValue());
      }
      List<List<String>> partial = List.of(own);
      for (Node select : node.selects) {
        List<List<String>> product = new ArrayList<>();
        for (List<String> left : partial) {
          for (List<String> right : rows(select, resource, item)) {
            List<String> row = new ArrayList<>(left);
            row.addAll(right);
            product.add(row);
          }
        }
        partial = product;
      }
      out.addAll(partial);
    }
    if (foci.isEmpty() && node.orNull) {
      out.add(new ArrayList<>());
    }
    return out;
  }
}
