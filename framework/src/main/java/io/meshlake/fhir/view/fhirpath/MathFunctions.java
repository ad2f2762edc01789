package io.meshlake.fhir.view.fhirpath;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Math functions on a single number; empty input gives empty. */
final class MathFunctions {
  private MathFunctions() {}

  static void register(Map<String, Function.Signature> r) {
    number(r, "abs", 0, (x, a) -> x instanceof Long l ? (Object) Math.abs(l) : ((BigDecimal) x).abs());
    number(r, "ceiling", 0, (x, a) -> Values.decimal(x).setScale(0, RoundingMode.CEILING).longValueExact());
    number(r, "floor", 0, (x, a) -> Values.decimal(x).setScale(0, RoundingMode.FLOOR).longValueExact());
    number(r, "truncate", 0, (x, a) -> Values.decimal(x).setScale(0, RoundingMode.DOWN).longValueExact());
    number(r, "round", 1, (x, a) -> Values.decimal(x).setScale(a == null ? 0 : ((Long) a).intValue(), RoundingMode.HALF_UP));
    number(r, "sqrt", 0, (x, a) -> Values.decimal(x).signum() < 0 ? null : Values.decimal(x).sqrt(MathContext.DECIMAL64));
    number(r, "exp", 0, (x, a) -> BigDecimal.valueOf(Math.exp(Values.decimal(x).doubleValue())));
    number(r, "ln", 0, (x, a) -> BigDecimal.valueOf(Math.log(Values.decimal(x).doubleValue())));
    number(r, "log", 1, (x, a) -> a == null ? null : BigDecimal.valueOf(
        Math.log(Values.decimal(x).doubleValue()) / Math.log(Values.decimal(a).doubleValue())));
    number(r, "power", 1, (x, a) -> {
      if (a == null) {
        return null;
      }
      if (x instanceof Long base && a instanceof Long exponent && exponent >= 0) {
        return BigDecimal.valueOf(base).pow(exponent.intValue()).longValueExact();
      }
      double result = Math.pow(Values.decimal(x).doubleValue(), Values.decimal(a).doubleValue());
      return Double.isNaN(result) ? null : BigDecimal.valueOf(result);
    });
  }

  /** A function on a single number with at most one numeric argument; a null result gives empty. */
  private static void number(Map<String, Function.Signature> r, String name, int maxArgs, BiFunction<Object, Object, Object> body) {
    Functions.add(r, name, name.equals("round") ? 0 : maxArgs, maxArgs, null, (in, args, c) -> {
      Object x = Values.singleton(in, name + "()");
      if (x == null) {
        return List.of();
      }
      if (!(x instanceof Number)) {
        throw new FhirPathException(name + "() works on a number but got " + Values.describe(in));
      }
      Object argument = Functions.argument(args, 0, in, c, name);
      if (argument != null && !(argument instanceof Number)) {
        throw new FhirPathException(name + "() needs a number argument but got " + Values.describe(List.of(argument)));
      }
      Object result = body.apply(x, argument);
      return result == null ? List.of() : List.of(result);
    });
  }
}
