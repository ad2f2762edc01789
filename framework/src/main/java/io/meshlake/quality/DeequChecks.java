package io.meshlake.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.MetricsRepository;
import java.io.Serializable;
import java.util.List;
import java.util.function.DoublePredicate;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Compiles rules into Deequ checks, one check per rule named after it, keeping Deequ's Scala API
 * (Options, Seqs, Function1 assertions) in this one class.
 */
final class DeequChecks {
  private DeequChecks() {}

  /**
   * The Deequ check of a rule over data in which {@code derivedColumn} holds the column the gate
   * derived for it (newest-event epoch seconds for freshness, the found-flag for references and mapped
   * codes), or null for kinds needing none.
   */
  static Check compile(Rule rule, String derivedColumn, long asOfEpochSeconds) {
    Check check = new Check(rule.level() == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(), rule.name(),
        seq(List.of()));
    Option<String> hint = Option.apply(rule.check().threshold());
    io.meshlake.quality.Check kind = rule.check();
    if (kind instanceof io.meshlake.quality.Check.Completeness c) {
      return check.hasCompleteness(c.column(), atLeast(c.min()), hint, Option.empty());
    }
    if (kind instanceof io.meshlake.quality.Check.Uniqueness u) {
      return u.primaryKey()
          ? check.hasUniqueness(seq(u.columns()), atLeast(1.0), hint).areComplete(seq(u.columns()), hint)
          : check.hasUniqueness(seq(u.columns()), atLeast(u.min()), hint);
    }
    if (kind instanceof io.meshlake.quality.Check.Freshness f) {
      return check.hasMax(derivedColumn, atLeast(asOfEpochSeconds - f.maxAge().toSeconds()), hint, Option.empty());
    }
    if (kind instanceof io.meshlake.quality.Check.RowCount c) {
      return check.hasSize(assertion(n -> (c.min() == null || n >= c.min()) && (c.max() == null || n <= c.max())), hint);
    }
    if (kind instanceof io.meshlake.quality.Check.References r) {
      return satisfies(check, rule, "`" + r.column() + "` IS NULL OR `" + derivedColumn + "`", r.min(), hint);
    }
    if (kind instanceof io.meshlake.quality.Check.MappedCodes m) {
      return satisfies(check, rule, "`" + m.column() + "` IS NULL OR `" + derivedColumn + "`", m.min(), hint);
    }
    if (kind.rowPredicate().isPresent()) {
      return satisfies(check, rule, kind.rowPredicate().get(), share(kind), hint);
    }
    throw new IllegalArgumentException(rule.name() + " (" + kind.getClass().getSimpleName()
        + ") is not evaluated by a plain Deequ check");
  }

  /**
   * The Deequ check of a row-count anomaly rule: the row count may fall by at most {@code maxDecrease} and
   * rise by at most {@code maxIncrease} relative to the last publication's count in {@code history}
   * (Deequ's relative rate of change over one step). Only for a product published before.
   */
  static Check rowCountAnomaly(Rule rule, io.meshlake.quality.Check.RowCountAnomaly anomaly, MetricsRepository history,
      Analyzer<NumMatches, Metric<Object>> rowCount) {
    return new Check(rule.level() == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(), rule.name(), seq(List.of()))
        .isNewestPointNonAnomalous(history, new RelativeRateOfChangeStrategy(Option.apply(1.0 - anomaly.maxDecrease()),
            Option.apply(1.0 + anomaly.maxIncrease()), 1), rowCount, scala.collection.immutable.Map$.MODULE$.empty(),
            Option.empty(), Option.empty(), Option.empty());
  }

  private static double share(io.meshlake.quality.Check kind) {
    if (kind instanceof io.meshlake.quality.Check.ValueSet v) {
      return v.min();
    }
    if (kind instanceof io.meshlake.quality.Check.Pattern p) {
      return p.min();
    }
    if (kind instanceof io.meshlake.quality.Check.NpiCheckDigit n) {
      return n.min();
    }
    return ((io.meshlake.quality.Check.Range) kind).min();
  }

  private static Check satisfies(Check check, Rule rule, String predicate, double min, Option<String> hint) {
    return check.satisfies(predicate, rule.name(), atLeast(min), hint,
        JavaConverters.asScalaBuffer(List.<String>of()).toList(), Option.empty());
  }

  /** A Deequ assertion that the metric is at least {@code min}. */
  static Function1<Object, Object> atLeast(double min) {
    return assertion(v -> v >= min - 1e-12);
  }

  private static Function1<Object, Object> assertion(DoublePredicate test) {
    return (Function1<Object, Object> & Serializable) value -> test.test(((Number) value).doubleValue());
  }

  static <T> Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toSeq();
  }
}
