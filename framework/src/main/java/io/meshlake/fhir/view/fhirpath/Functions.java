package io.meshlake.fhir.view.fhirpath;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The FHIRPath functions the engine knows, by name, with their arities; unknown names fail compilation. */
final class Functions {
  private static final Map<String, Function.Signature> REGISTRY = build();

  private Functions() {}

  private static Map<String, Function.Signature> build() {
    Map<String, Function.Signature> registry = new TreeMap<>();
    CollectionFunctions.register(registry);
    StringFunctions.register(registry);
    MathFunctions.register(registry);
    ConversionFunctions.register(registry);
    FhirFunctions.register(registry);
    return registry;
  }

  /** Adds a function to a registry. */
  static void add(Map<String, Function.Signature> registry, String name, int minArgs, int maxArgs, String resultType,
      Function body) {
    registry.put(name, new Function.Signature(name, minArgs, maxArgs, body, resultType));
  }

  /** A call of {@code name} with these arguments; fails naming the function when it is unknown or the arity is wrong. */
  static Expr call(String name, List<Expr> args, String expression) {
    Function.Signature signature = REGISTRY.get(name);
    if (signature == null) {
      throw new FhirPathException("Unknown FHIRPath function '" + name + "()' in '" + expression + "'. Supported: "
          + String.join(", ", REGISTRY.keySet()) + (name.equals("resolve")
              ? ". To join resources, use getReferenceKey() on the reference and getResourceKey() on the target view."
              : "."));
    }
    if (args.size() < signature.minArgs() || args.size() > signature.maxArgs()) {
      String expected = signature.minArgs() == signature.maxArgs() ? String.valueOf(signature.minArgs())
          : signature.minArgs() + " to " + signature.maxArgs();
      throw new FhirPathException("Function '" + name + "()' takes " + expected + " argument(s) but got " + args.size()
          + " in '" + expression + "'");
    }
    return new Function.Call(signature, List.copyOf(args));
  }

  /** Evaluates an argument once on the function's input and returns its single value, or null when empty. */
  static Object argument(List<Expr> args, int index, List<Object> input, PathContext context, String function) {
    if (index >= args.size()) {
      return null;
    }
    return Values.singleton(args.get(index).eval(input, context), "Argument " + (index + 1) + " of " + function + "()");
  }

  /** {@link #argument} that must be a string. */
  static String stringArgument(List<Expr> args, int index, List<Object> input, PathContext context, String function) {
    Object value = argument(args, index, input, context, function);
    if (value != null && !(value instanceof String)) {
      throw new FhirPathException(function + "() needs a string argument but got " + Values.describe(List.of(value)));
    }
    return (String) value;
  }

  /** {@link #argument} that must be an integer. */
  static Long integerArgument(List<Expr> args, int index, List<Object> input, PathContext context, String function) {
    Object value = argument(args, index, input, context, function);
    if (value != null && !(value instanceof Long)) {
      throw new FhirPathException(function + "() needs an integer argument but got " + Values.describe(List.of(value)));
    }
    return (Long) value;
  }

  /** Evaluates an argument on one item of the input ({@code $this}), with {@code $index} set to its position. */
  static List<Object> onItem(Expr arg, Object item, int index, PathContext context) {
    int previous = context.index(index);
    try {
      return arg.eval(List.of(item), context);
    } finally {
      context.index(previous);
    }
  }
}
