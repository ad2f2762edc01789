package io.meshlake.jobs;

import io.meshlake.Platform;
import io.meshlake.governance.AuditFinding;
import io.meshlake.governance.AuditLog;
import io.meshlake.run.RunLog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshlake audit}: the hash-chained audit log of runs, publications, policy decisions and queries. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"The audit log, meshlake_platform.audit_log: append-only, hash-chained records of every run, every"
        + " gold publication, every policy decision (which treatment each column got for each consumer class, rows"
        + " left out for lack of consent, cells suppressed) and every `sql --as` query.",
        "Each record's hash covers its content and the hash of the record before, so a changed, inserted or"
        + " removed record breaks the chain where it happened."},
    subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class},
    footer = {"", "Examples:", "  ./meshlake audit verify", "  ./meshlake audit show --kind query --limit 20"})
final class AuditCommand {

  /** {@code meshlake audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Walk the whole audit log and check every record's hash and its link to the record before.",
          "Lists every place the log is not as it was written: a record whose content was changed (and which"
              + " fields, while Delta's change history keeps them), a record inserted or replaced, records removed"
              + " (a gap in the sequence), or duplicated sequence numbers."},
      footer = {"", "Exit status: 0 when the chain is intact, 1 when it is not.",
          "Limit: someone able to rewrite the whole table can rebuild a consistent chain, or drop records from its"
              + " end; keep the last hash printed here somewhere else (e.g. your run tickets) to notice that."})
  static final class Verify implements Callable<Integer> {
    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
      Platform running = platform.start();
      AuditLog log = running.governor().auditLog();
      Console.progress("Verifying " + RunLog.NAMESPACE + "." + AuditLog.TABLE + " at " + log.location());
      List<AuditFinding> findings = log.verify();
      if (findings.isEmpty()) {
        System.out.println(log.last().map(r -> "OK: the audit log is intact, " + r.sequence() + " record(s) chained;"
            + " the last, record " + r.sequence() + " (" + r.kind() + ", " + r.recordedAt() + "), has hash " + r.hash()
            + ". Keep that hash elsewhere to notice records removed from the end.")
            .orElse("OK: the audit log is empty (the first run creates it)"));
        return 0;
      }
      System.out.printf("The audit log is NOT intact: %d finding(s)%n", findings.size());
      findings.forEach(f -> System.out.println("  - " + f));
      System.out.println("Compare with a copy or a hash you kept, and find out who could write " + log.location());
      return 1;
    }
  }

  /** {@code meshlake audit show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the latest audit records, newest first.",
      footer = {"", "Kinds: run, publication, policy_decision, query."})
  static final class Show implements Callable<Integer> {
    @Option(names = "--kind", paramLabel = "KIND", description = "Only records of this kind.")
    String kind;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "At most N records (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
      Platform running = platform.start();
      running.attachCatalog();
      String table = RunLog.NAMESPACE + "." + AuditLog.TABLE;
      if (!running.spark().catalog().tableExists(table)) {
        System.out.println("No audit records yet: the first run creates " + table);
        return 0;
      }
      String where = kind == null ? "" : " WHERE kind = '" + kind.replace("'", "''") + "'";
      System.out.println(running.spark().sql("SELECT sequence, recorded_at, kind, actor, details FROM " + table + where
          + " ORDER BY sequence DESC LIMIT " + limit).showString(limit, 0, false));
      return 0;
    }
  }
}
