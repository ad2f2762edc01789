package io.meshlake.fhir.view.fhirpath;

import java.util.List;

/** The body of a FHIRPath function: from the input collection and the (unevaluated) arguments to a result. */
@FunctionalInterface
interface Function {
  List<Object> apply(List<Object> input, List<Expr> args, PathContext context);

  /** A function's arity range, body and (when fixed) result type. */
  record Signature(String name, int minArgs, int maxArgs, Function body, String resultType) {}

  /** A call of a function on the input collection. */
  record Call(Signature signature, List<Expr> args) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      return signature.body().apply(input, args, context);
    }

    @Override
    public String resultType() {
      return signature.resultType();
    }
  }
}
