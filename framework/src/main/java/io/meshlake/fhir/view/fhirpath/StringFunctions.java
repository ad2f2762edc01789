package io.meshlake.fhir.view.fhirpath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** String functions: on a single string input, empty input gives empty. {@code join} works on a collection. */
final class StringFunctions {
  private StringFunctions() {}

  static void register(Map<String, Function.Signature> r) {
    Functions.add(r, "join", 0, 1, "string", (in, args, c) -> {
      String separator = Functions.stringArgument(args, 0, in, c, "join");
      List<String> parts = new ArrayList<>(in.size());
      for (Object item : in) {
        parts.add(Values.text(item));
      }
      return List.of(String.join(separator == null ? "" : separator, parts));
    });
    string(r, "upper", 0, "string", (s, a) -> s.toUpperCase(Locale.ROOT));
    string(r, "lower", 0, "string", (s, a) -> s.toLowerCase(Locale.ROOT));
    string(r, "trim", 0, "string", (s, a) -> s.strip());
    string(r, "length", 0, "integer", (s, a) -> (long) s.length());
    string(r, "toChars", 0, null, (s, a) -> s.chars().mapToObj(ch -> (Object) String.valueOf((char) ch)).toList());
    string(r, "startsWith", 1, "boolean", (s, a) -> s.startsWith((String) a.get(0)));
    string(r, "endsWith", 1, "boolean", (s, a) -> s.endsWith((String) a.get(0)));
    string(r, "contains", 1, "boolean", (s, a) -> s.contains((String) a.get(0)));
    string(r, "indexOf", 1, "integer", (s, a) -> (long) s.indexOf((String) a.get(0)));
    string(r, "lastIndexOf", 1, "integer", (s, a) -> (long) s.lastIndexOf((String) a.get(0)));
    string(r, "matches", 1, "boolean", (s, a) -> Pattern.compile((String) a.get(0), Pattern.DOTALL).matcher(s).find());
    string(r, "matchesFull", 1, "boolean", (s, a) -> Pattern.compile((String) a.get(0), Pattern.DOTALL).matcher(s).matches());
    string(r, "replace", 2, "string", (s, a) -> s.replace((String) a.get(0), (String) a.get(1)));
    string(r, "replaceMatches", 2, "string", (s, a) -> s.replaceAll((String) a.get(0), (String) a.get(1)));
    string(r, "split", 1, null, (s, a) -> Arrays.stream(s.split(Pattern.quote((String) a.get(0)), -1)).map(x -> (Object) x).toList());
    Functions.add(r, "substring", 1, 2, "string", (in, args, c) -> {
      String s = input(in, "substring");
      Long start = Functions.integerArgument(args, 0, in, c, "substring");
      Long length = Functions.integerArgument(args, 1, in, c, "substring");
      if (s == null || start == null || start < 0 || start >= s.length()) {
        return List.of();
      }
      long end = length == null ? s.length() : Math.min(s.length(), start + Math.max(0, length));
      return List.of(s.substring(start.intValue(), (int) end));
    });
  }

  /** A function on a single string with string arguments; a result list is returned as the collection. */
  private static void string(Map<String, Function.Signature> r, String name, int arity, String resultType,
      BiFunction<String, List<Object>, Object> body) {
    Functions.add(r, name, arity, arity, resultType, (in, args, c) -> {
      String s = input(in, name);
      List<Object> values = new ArrayList<>(arity);
      for (int i = 0; i < arity; i++) {
        String value = Functions.stringArgument(args, i, in, c, name);
        if (value == null) {
          return List.of();
        }
        values.add(value);
      }
      if (s == null) {
        return List.of();
      }
      Object result = body.apply(s, values);
      @SuppressWarnings("unchecked")
      List<Object> collection = result instanceof List<?> list ? (List<Object>) list : List.of(result);
      return collection;
    });
  }

  private static String input(List<Object> in, String function) {
    Object item = Values.singleton(in, function + "()");
    if (item != null && !(item instanceof String)) {
      throw new FhirPathException(function + "() works on a string but got " + Values.typeName(item) + " "
          + Values.describe(in));
    }
    return (String) item;
  }
}
