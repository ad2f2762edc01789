package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Existence, filtering, projection, subsetting and combining functions, and {@code not()}, {@code iif()}. */
final class CollectionFunctions {
  private CollectionFunctions() {}

  static void register(Map<String, Function.Signature> r) {
    Functions.add(r, "empty", 0, 0, "boolean", (in, args, c) -> List.of(in.isEmpty()));
    Functions.add(r, "exists", 0, 1, "boolean", (in, args, c) -> List.of(
        args.isEmpty() ? !in.isEmpty() : !filter(in, args.get(0), c, "exists").isEmpty()));
    Functions.add(r, "all", 1, 1, "boolean", (in, args, c) -> List.of(filter(in, args.get(0), c, "all").size() == in.size()));
    Functions.add(r, "allTrue", 0, 0, "boolean", (in, args, c) -> List.of(in.stream().allMatch(Boolean.TRUE::equals)));
    Functions.add(r, "anyTrue", 0, 0, "boolean", (in, args, c) -> List.of(in.stream().anyMatch(Boolean.TRUE::equals)));
    Functions.add(r, "allFalse", 0, 0, "boolean", (in, args, c) -> List.of(in.stream().allMatch(Boolean.FALSE::equals)));
    Functions.add(r, "anyFalse", 0, 0, "boolean", (in, args, c) -> List.of(in.stream().anyMatch(Boolean.FALSE::equals)));
    Functions.add(r, "count", 0, 0, "integer", (in, args, c) -> List.of((long) in.size()));
    Functions.add(r, "distinct", 0, 0, null, (in, args, c) -> distinct(in));
    Functions.add(r, "isDistinct", 0, 0, "boolean", (in, args, c) -> List.of(distinct(in).size() == in.size()));
    Functions.add(r, "subsetOf", 1, 1, "boolean", (in, args, c) -> List.of(containsAll(args.get(0).eval(in, c), in)));
    Functions.add(r, "supersetOf", 1, 1, "boolean", (in, args, c) -> List.of(containsAll(in, args.get(0).eval(in, c))));
    Functions.add(r, "where", 1, 1, null, (in, args, c) -> filter(in, args.get(0), c, "where"));
    Functions.add(r, "select", 1, 1, null, CollectionFunctions::select);
    Functions.add(r, "repeat", 1, 1, null, CollectionFunctions::repeat);
    Functions.add(r, "first", 0, 0, null, (in, args, c) -> in.isEmpty() ? List.of() : List.of(in.get(0)));
    Functions.add(r, "last", 0, 0, null, (in, args, c) -> in.isEmpty() ? List.of() : List.of(in.get(in.size() - 1)));
    Functions.add(r, "tail", 0, 0, null, (in, args, c) -> in.size() < 2 ? List.of() : in.subList(1, in.size()));
    Functions.add(r, "skip", 1, 1, null, (in, args, c) -> {
      long n = Math.max(0, orZero(Functions.integerArgument(args, 0, in, c, "skip")));
      return n >= in.size() ? List.of() : in.subList((int) n, in.size());
    });
    Functions.add(r, "take", 1, 1, null, (in, args, c) -> {
      long n = Math.max(0, orZero(Functions.integerArgument(args, 0, in, c, "take")));
      return in.subList(0, (int) Math.min(n, in.size()));
    });
    Functions.add(r, "single", 0, 0, null, (in, args, c) -> {
      Object item = Values.singleton(in, "single()");
      return item == null ? List.of() : List.of(item);
    });
    Functions.add(r, "intersect", 1, 1, null, (in, args, c) -> {
      List<Object> other = args.get(0).eval(in, c);
      return distinct(in.stream().filter(x -> indexOf(other, x) >= 0).toList());
    });
    Functions.add(r, "exclude", 1, 1, null, (in, args, c) -> {
      List<Object> other = args.get(0).eval(in, c);
      return in.stream().filter(x -> indexOf(other, x) < 0).toList();
    });
    Functions.add(r, "union", 1, 1, null, (in, args, c) -> {
      List<Object> out = new ArrayList<>();
      addDistinct(in, out);
      addDistinct(args.get(0).eval(in, c), out);
      return out;
    });
    Functions.add(r, "combine", 1, 1, null, (in, args, c) -> {
      List<Object> out = new ArrayList<>(in);
      out.addAll(args.get(0).eval(in, c));
      return out;
    });
    Functions.add(r, "not", 0, 0, "boolean", (in, args, c) -> {
      Boolean value = Values.singletonBoolean(in, "not()");
      return value == null ? List.of() : List.of(!value);
    });
    Functions.add(r, "iif", 2, 3, null, (in, args, c) -> {
      Boolean condition = Values.singletonBoolean(args.get(0).eval(in, c), "The condition of iif()");
      if (Boolean.TRUE.equals(condition)) {
        return args.get(1).eval(in, c);
      }
      return args.size() > 2 ? args.get(2).eval(in, c) : List.of();
    });
    Functions.add(r, "trace", 1, 2, null, (in, args, c) -> in);
    Functions.add(r, "children", 0, 0, null, (in, args, c) -> children(in));
    Functions.add(r, "descendants", 0, 0, null, (in, args, c) -> {
      List<Object> out = new ArrayList<>();
      List<Object> level = children(in);
      while (!level.isEmpty()) {
        out.addAll(level);
        level = children(level);
      }
      return out;
    });
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** The items for which the criteria is true, each evaluated as {@code $this}. */
  private static List<Object> filter(List<Object> in, Expr criteria, PathContext c, String function) {
    List<Object> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      Object item = in.get(i);
      if (Boolean.TRUE.equals(Values.singletonBoolean(Functions.onItem(criteria, item, i, c), function + "()'s criteria"))) {
        out.add(item);
      }
    }
    return out;
  }

  private static List<Object> select(List<Object> in, List<Expr> args, PathContext c) {
    List<Object> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      out.addAll(Functions.onItem(args.get(0), in.get(i), i, c));
    }
    return out;
  }

  private static List<Object> repeat(List<Object> in, List<Expr> args, PathContext c) {
    List<Object> out = new ArrayList<>();
    List<Object> level = in;
    while (!level.isEmpty()) {
      List<Object> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i++) {
        for (Object item : Functions.onItem(args.get(0), level.get(i), i, c)) {
          if (indexOf(out, item) < 0) {
            out.add(item);
            next.add(item);
          }
        }
      }
      level = next;
    }
    return out;
  }

  private static List<Object> children(List<Object> in) {
    List<Object> out = new ArrayList<>();
    for (Object item : in) {
      if (item instanceof JsonNode node && node.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (!field.getKey().equals("resourceType")) {
            Values.addJson(field.getValue(), out);
          }
        }
      }
    }
    return out;
  }

  private static List<Object> distinct(List<Object> in) {
    List<Object> out = new ArrayList<>(in.size());
    addDistinct(in, out);
    return out;
  }

  /** Adds the items not already in {@code out} (by FHIRPath equality). */
  static void addDistinct(List<Object> items, List<Object> out) {
    for (Object item : items) {
      if (indexOf(out, item) < 0) {
        out.add(item);
      }
    }
  }

  private static boolean containsAll(List<Object> container, List<Object> items) {
    return items.stream().allMatch(x -> indexOf(container, x) >= 0);
  }

  private static int indexOf(List<Object> items, Object item) {
    for (int i = 0; i < items.size(); i++) {
      if (Boolean.TRUE.equals(Values.equal(items.get(i), item))) {
        return i;
      }
    }
    return -1;
  }
}
