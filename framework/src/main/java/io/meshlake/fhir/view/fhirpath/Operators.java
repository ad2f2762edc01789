package io.meshlake.fhir.view.fhirpath;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** FHIRPath's operators: equality, comparison, arithmetic, string concatenation, boolean logic, membership, union, {@code is}/{@code as}. */
final class Operators {
  private Operators() {}

  /** The node for a binary operator; the parser has checked the symbol is one of these. */
  static Expr binary(String op, Expr left, Expr right) {
    return switch (op) {
      case "=", "!=", "~", "!~" -> new Equality(op, left, right);
      case "<", "<=", ">", ">=" -> new Comparison(op, left, right);
      case "+", "-", "*", "/", "div", "mod" -> new Arithmetic(op, left, right);
      case "&" -> new Concatenation(left, right);
      case "and", "or", "xor", "implies" -> new Logic(op, left, right);
      case "in" -> new Membership(op, left, right, false);
      case "contains" -> new Membership(op, left, right, true);
      case "|" -> new Union(left, right);
      default -> throw new IllegalStateException("not a binary operator: " + op);
    };
  }

  /** {@code =}, {@code !=}, {@code ~}, {@code !~}. */
  record Equality(String op, Expr left, Expr right) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> a = left.eval(input, context);
      List<Object> b = right.eval(input, context);
      boolean equivalence = op.endsWith("~");
      Boolean result;
      if (equivalence) {
        result = a.size() == b.size() && allEquivalent(a, b);
      } else if (a.isEmpty() || b.isEmpty()) {
        return List.of();
      } else {
        result = a.size() == b.size() ? allEqual(a, b) : Boolean.FALSE;
      }
      if (result == null) {
        return List.of();
      }
      return List.of(op.startsWith("!") != result);
    }

    private static Boolean allEqual(List<Object> a, List<Object> b) {
      for (int i = 0; i < a.size(); i++) {
        Boolean equal = Values.equal(a.get(i), b.get(i));
        if (equal == null || !equal) {
          return equal;
        }
      }
      return Boolean.TRUE;
    }

    private static boolean allEquivalent(List<Object> a, List<Object> b) {
      List<Object> unmatched = new ArrayList<>(b);
      for (Object x : a) {
        int match = -1;
        for (int i = 0; i < unmatched.size() && match < 0; i++) {
          match = Values.equivalent(x, unmatched.get(i)) ? i : -1;
        }
        if (match < 0) {
          return false;
        }
        unmatched.remove(match);
      }
      return true;
    }

    @Override
    public String resultType() {
      return "boolean";
    }
  }

  /** An operator on two single values; empty when either side is empty. */
  private interface OnSingletons extends Expr {
    String op();

    Expr left();

    Expr right();

    List<Object> apply(Object a, Object b);

    @Override
    default List<Object> eval(List<Object> input, PathContext context) {
      Object a = Values.singleton(left().eval(input, context), "The left side of '" + op() + "'");
      Object b = Values.singleton(right().eval(input, context), "The right side of '" + op() + "'");
      return a == null || b == null ? List.of() : apply(a, b);
    }
  }

  /** {@code <}, {@code <=}, {@code >}, {@code >=} on singletons. */
  record Comparison(String op, Expr left, Expr right) implements OnSingletons {
    @Override
    public List<Object> apply(Object a, Object b) {
      Integer c = Values.compare(a, b, op);
      if (c == null) {
        return List.of();
      }
      return List.of(switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      });
    }

    @Override
    public String resultType() {
      return "boolean";
    }
  }

  /** {@code + - * / div mod} on numbers; {@code +} also concatenates strings. */
  record Arithmetic(String op, Expr left, Expr right) implements OnSingletons {
    @Override
    public List<Object> apply(Object a, Object b) {
      if (op.equals("+") && a instanceof String x && b instanceof String y) {
        return List.of(x + y);
      }
      if (!(a instanceof Number) || !(b instanceof Number)) {
        throw new FhirPathException("Operator '" + op + "' needs numbers but got " + Values.typeName(a) + " and "
            + Values.typeName(b) + " (" + Values.describe(List.of(a)) + ", " + Values.describe(List.of(b)) + ")");
      }
      Object result = a instanceof Long x && b instanceof Long y ? integers(x, y) : decimals(Values.decimal(a), Values.decimal(b));
      return result == null ? List.of() : List.of(result);
    }

    private Object integers(long x, long y) {
      return switch (op) {
        case "+" -> Math.addExact(x, y);
        case "-" -> Math.subtractExact(x, y);
        case "*" -> Math.multiplyExact(x, y);
        case "/" -> y == 0 ? null : decimals(BigDecimal.valueOf(x), BigDecimal.valueOf(y));
        case "div" -> y == 0 ? null : x / y;
        default -> y == 0 ? null : x % y;
      };
    }

    private Object decimals(BigDecimal x, BigDecimal y) {
      boolean zero = y.signum() == 0;
      return switch (op) {
        case "+" -> x.add(y);
        case "-" -> x.subtract(y);
        case "*" -> x.multiply(y);
        case "/" -> zero ? null : x.divide(y, MathContext.DECIMAL64).stripTrailingZeros();
        case "div" -> zero ? null : x.divide(y, 0, RoundingMode.DOWN).longValueExact();
        default -> zero ? null : x.remainder(y);
      };
    }
  }

  /** {@code &}: string concatenation where empty counts as {@code ''}. */
  record Concatenation(Expr left, Expr right) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      Object a = Values.singleton(left.eval(input, context), "The left side of '&'");
      Object b = Values.singleton(right.eval(input, context), "The right side of '&'");
      return List.of((a == null ? "" : Values.text(a)) + (b == null ? "" : Values.text(b)));
    }

    @Override
    public String resultType() {
      return "string";
    }
  }

  /** {@code and}, {@code or}, {@code xor}, {@code implies} with three-valued logic. */
  record Logic(String op, Expr left, Expr right) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      Boolean a = Values.singletonBoolean(left.eval(input, context), "The left side of '" + op + "'");
      if (op.equals("and") && Boolean.FALSE.equals(a) || op.equals("or") && Boolean.TRUE.equals(a)) {
        return List.of(a);
      }
      if (op.equals("implies") && Boolean.FALSE.equals(a)) {
        return List.of(Boolean.TRUE);
      }
      Boolean b = Values.singletonBoolean(right.eval(input, context), "The right side of '" + op + "'");
      Boolean result = switch (op) {
        case "and" -> Boolean.FALSE.equals(b) ? Boolean.FALSE : a == null || b == null ? null : Boolean.TRUE;
        case "or" -> Boolean.TRUE.equals(b) ? Boolean.TRUE : a == null || b == null ? null : Boolean.FALSE;
        case "xor" -> a == null || b == null ? null : a ^ b;
        default -> Boolean.TRUE.equals(b) ? Boolean.TRUE : a == null || b == null ? null : Boolean.FALSE;
      };
      return result == null ? List.of() : List.of(result);
    }

    @Override
    public String resultType() {
      return "boolean";
    }
  }

  /** {@code item in collection} and {@code collection contains item}. */
  record Membership(String op, Expr left, Expr right, boolean reversed) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> itemSide = (reversed ? right : left).eval(input, context);
      List<Object> collection = (reversed ? left : right).eval(input, context);
      Object item = Values.singleton(itemSide, "The single item of '" + op + "'");
      if (item == null) {
        return List.of();
      }
      for (Object candidate : collection) {
        if (Boolean.TRUE.equals(Values.equal(item, candidate))) {
          return List.of(Boolean.TRUE);
        }
      }
      return List.of(Boolean.FALSE);
    }

    @Override
    public String resultType() {
      return "boolean";
    }
  }

  /** {@code a | b}: the union without duplicates. */
  record Union(Expr left, Expr right) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> out = new ArrayList<>();
      CollectionFunctions.addDistinct(left.eval(input, context), out);
      CollectionFunctions.addDistinct(right.eval(input, context), out);
      return out;
    }
  }

  /** Unary minus. */
  record Negation(Expr operand) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      Object value = Values.singleton(operand.eval(input, context), "Unary '-'");
      if (value == null) {
        return List.of();
      }
      if (value instanceof Long l) {
        return List.of(-l);
      }
      if (value instanceof BigDecimal d) {
        return List.of(d.negate());
      }
      throw new FhirPathException("Unary '-' needs a number but got " + Values.describe(List.of(value)));
    }
  }

  /** {@code x is T} and {@code x as T} (also the functions {@code is(T)} and {@code as(T)}). */
  record TypeTest(Expr operand, String type, boolean cast) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> items = operand.eval(input, context);
      if (items.isEmpty()) {
        return List.of();
      }
      Object item = Values.singleton(items, "'" + (cast ? "as" : "is") + " " + type + "'");
      Object converted = Types.as(item, type);
      if (cast) {
        return converted == null ? List.of() : List.of(converted);
      }
      return List.of(converted != null);
    }

    @Override
    public String resultType() {
      return cast ? type : "boolean";
    }
  }
}
