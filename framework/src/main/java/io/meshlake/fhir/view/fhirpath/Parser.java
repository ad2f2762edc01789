package io.meshlake.fhir.view.fhirpath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles FHIRPath text into an {@link Expr} tree by precedence climbing, resolving constants,
 * functions and type names as it goes so that evaluation does no lookups.
 */
final class Parser {
  private static final Map<String, Integer> PRECEDENCE = Map.ofEntries(
      Map.entry("implies", 1), Map.entry("or", 2), Map.entry("xor", 2), Map.entry("and", 3), Map.entry("in", 4),
      Map.entry("contains", 4), Map.entry("=", 5), Map.entry("~", 5), Map.entry("!=", 5), Map.entry("!~", 5),
      Map.entry("<", 6), Map.entry(">", 6), Map.entry("<=", 6), Map.entry(">=", 6), Map.entry("|", 7),
      Map.entry("is", 8), Map.entry("as", 8), Map.entry("+", 9), Map.entry("-", 9), Map.entry("&", 9),
      Map.entry("*", 10), Map.entry("/", 10), Map.entry("div", 10), Map.entry("mod", 10));
  private static final Set<String> TYPE_FUNCTIONS = Set.of("is", "as");
  private static final Set<String> CALENDAR_UNITS = Set.of("year", "years", "month", "months", "week", "weeks", "day",
      "days", "hour", "hours", "minute", "minutes", "second", "seconds", "millisecond", "milliseconds");

  private final String source;
  private final List<Token> tokens;
  private final Map<String, Object> constants;
  private int pos;

  private Parser(String source, Map<String, Object> constants) {
    this.source = source;
    this.tokens = Lexer.tokens(source);
    this.constants = constants;
  }

  static Expr parse(String source, Map<String, Object> constants) {
    Parser parser = new Parser(source, constants);
    if (parser.peek().kind() == Token.Kind.END) {
      throw parser.error("the expression is empty", parser.peek());
    }
    Expr expr = parser.expression(1);
    if (parser.peek().kind() != Token.Kind.END) {
      throw parser.error("unexpected '" + parser.peek().text() + "'", parser.peek());
    }
    return expr;
  }

  private Expr expression(int minPrecedence) {
    Expr left = unary();
    while (true) {
      Token op = peek();
      Integer precedence = op.kind() == Token.Kind.SYMBOL || op.kind() == Token.Kind.IDENTIFIER ? PRECEDENCE.get(op.text()) : null;
      if (precedence == null || precedence < minPrecedence) {
        return left;
      }
      pos++;
      if (op.is("is") || op.is("as")) {
        Expr typeName = postfix(term());
        left = new Operators.TypeTest(left, type(typeName, op.text()), op.is("as"));
      } else {
        left = Operators.binary(op.text(), left, expression(precedence + 1));
      }
    }
  }

  private Expr unary() {
    if (peek().is("-") || peek().is("+")) {
      boolean negate = next().is("-");
      Expr operand = unary();
      return negate ? new Operators.Negation(operand) : operand;
    }
    return postfix(term());
  }

  private Expr postfix(Expr expr) {
    while (true) {
      if (peek().is(".")) {
        pos++;
        Token name = next();
        if (name.kind() != Token.Kind.IDENTIFIER && name.kind() != Token.Kind.DELIMITED_IDENTIFIER) {
          throw error("expected a name after '.'", name);
        }
        expr = invocation(name, expr);
      } else if (peek().is("[")) {
        pos++;
        Expr index = expression(1);
        expect("]");
        expr = new Navigation.Index(expr, index);
      } else {
        return expr;
      }
    }
  }

  private Expr term() {
    Token token = next();
    switch (token.kind()) {
      case STRING:
        return new Navigation.Literal(List.of(token.text()), "string");
      case NUMBER:
        return number(token);
      case DATE_TIME:
        return temporal(token, FhirTemporal.parseDateTime(token.text(), FhirTemporal.Kind.DATE).orElse(null));
      case TIME:
        return temporal(token, FhirTemporal.parseTime(token.text()).orElse(null));
      case CONSTANT:
        return constant(token);
      case IDENTIFIER:
      case DELIMITED_IDENTIFIER:
        if (token.kind() == Token.Kind.IDENTIFIER && (token.text().equals("true") || token.text().equals("false"))) {
          return new Navigation.Literal(List.of(Boolean.valueOf(token.text())), "boolean");
        }
        return invocation(token, null);
      case SYMBOL:
        if (token.is("(")) {
          Expr inner = expression(1);
          expect(")");
          return inner;
        }
        if (token.is("{")) {
          expect("}");
          return new Navigation.Literal(List.of(), null);
        }
        throw error("unexpected '" + token.text() + "'", token);
      default:
        throw error("the expression ends too early", token);
    }
  }

  private Expr number(Token token) {
    Token after = peek();
    if (after.kind() == Token.Kind.STRING || after.kind() == Token.Kind.IDENTIFIER && CALENDAR_UNITS.contains(after.text())) {
      throw error("quantity literals (" + token.text() + " " + after.text() + ") are not supported; compare the"
          + " Quantity's value and code instead, e.g. value.ofType(Quantity).where(code = 'mg').value > 5", token);
    }
    if (token.text().contains(".")) {
      return new Navigation.Literal(List.of(new BigDecimal(token.text())), "decimal");
    }
    try {
      return new Navigation.Literal(List.of(Long.parseLong(token.text())), "integer");
    } catch (NumberFormatException tooLarge) {
      return new Navigation.Literal(List.of(new BigDecimal(token.text())), "decimal");
    }
  }

  private Expr temporal(Token token, FhirTemporal value) {
    if (value == null) {
      throw error("'@" + token.text() + "' is not a valid date, dateTime or time literal", token);
    }
    return new Navigation.Literal(List.of(value), Values.typeName(value));
  }

  private Expr constant(Token token) {
    String name = token.text();
    switch (name) {
      case "resource", "rootResource", "context":
        return new Navigation.Variable("%resource");
      case "rowIndex":
        return new Navigation.Variable("%rowIndex");
      case "ucum":
        return new Navigation.Literal(List.of("http://unitsofmeasure.org"), "string");
      case "sct":
        return new Navigation.Literal(List.of("http://snomed.info/sct"), "string");
      case "loinc":
        return new Navigation.Literal(List.of("http://loinc.org"), "string");
      default:
        break;
    }
    if (!constants.containsKey(name)) {
      throw error("undefined constant %" + name + "; define it in the view's constant list (known: "
          + (constants.isEmpty() ? "none" : String.join(", ", constants.keySet())) + ")", token);
    }
    Object value = constants.get(name);
    return new Navigation.Literal(List.of(value), Values.typeName(value));
  }

  private Expr invocation(Token name, Expr target) {
    String text = name.text();
    if (name.kind() == Token.Kind.IDENTIFIER && text.startsWith("$")) {
      Expr variable = switch (text) {
        case "$this" -> new Navigation.This();
        case "$index" -> new Navigation.Variable("$index");
        default -> throw error("unknown variable " + text + " (use $this or $index)", name);
      };
      return target == null ? variable : new Navigation.Chain(target, variable);
    }
    if (!peek().is("(") || name.kind() == Token.Kind.DELIMITED_IDENTIFIER) {
      Expr member = new Navigation.Member(text);
      return target == null ? member : new Navigation.Chain(target, member);
    }
    pos++;
    List<Expr> args = new ArrayList<>();
    if (!peek().is(")")) {
      do {
        args.add(expression(1));
      } while (acceptComma());
    }
    expect(")");
    if (text.equals("ofType")) {
      return ofType(type(single(args, text, name), text), target);
    }
    Expr call = function(text, args, name);
    return target == null ? call : new Navigation.Chain(target, call);
  }

  private Expr single(List<Expr> args, String function, Token token) {
    if (args.size() != 1) {
      throw error(function + "() takes one type name, e.g. " + function + "(Quantity)", token);
    }
    return args.get(0);
  }

  private Expr function(String name, List<Expr> args, Token token) {
    if (TYPE_FUNCTIONS.contains(name)) {
      String type = type(single(args, name, token), name);
      return new Operators.TypeTest(new Navigation.This(), type, name.equals("as"));
    }
    if (name.equals("getReferenceKey") && args.size() == 1) {
      String type = Navigation.dottedName(args.get(0));
      if (type == null || !FhirTypes.isResource(type)) {
        throw error("getReferenceKey() takes a resource type name, e.g. getReferenceKey(Patient)", token);
      }
      args = List.of(new Navigation.Literal(List.of(type), "string"));
    }
    return Functions.call(name, args, source);
  }

  /** {@code x.name.ofType(T)} becomes one lookup of the choice element; other inputs are filtered by type. Includes the target. */
  private static Expr ofType(String type, Expr target) {
    if (target instanceof Navigation.Member member) {
      return new Navigation.OfTypeMember(member.name(), type);
    }
    if (target instanceof Navigation.Chain chain && chain.right() instanceof Navigation.Member member) {
      return new Navigation.Chain(chain.left(), new Navigation.OfTypeMember(member.name(), type));
    }
    return new Navigation.Chain(target == null ? new Navigation.This() : target, new OfType(type));
  }

  private String type(Expr typeName, String function) {
    String name = Navigation.dottedName(typeName);
    if (name == null) {
      throw new FhirPathException("Invalid FHIRPath '" + source + "': " + function
          + " needs a type name such as Quantity, string, dateTime or Patient");
    }
    String resolved = FhirTypes.resolve(name);
    if (resolved == null) {
      throw new FhirPathException("Invalid FHIRPath '" + source + "': unknown type '" + name + "' in " + function
          + "; use a FHIR type (string, integer, dateTime, Quantity, CodeableConcept, ...) or a resource type");
    }
    return resolved;
  }

  private boolean acceptComma() {
    if (peek().is(",")) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String symbol) {
    Token token = next();
    if (!token.is(symbol)) {
      throw error("expected '" + symbol + "' but found " + (token.kind() == Token.Kind.END ? "the end" : "'" + token.text() + "'"), token);
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token token = tokens.get(pos);
    if (token.kind() != Token.Kind.END) {
      pos++;
    }
    return token;
  }

  private FhirPathException error(String what, Token at) {
    return new FhirPathException("Invalid FHIRPath '" + source + "': " + what + " at position " + at.offset());
  }

  /** {@code ofType(T)} on any input: the items of type T. */
  record OfType(String type) implements Expr {
    @Override
    public List<Object> eval(List<Object> input, PathContext context) {
      List<Object> out = new ArrayList<>(input.size());
      Types.addOfType(input, type, out);
      return out;
    }

    @Override
    public String resultType() {
      return type;
    }
  }
}
