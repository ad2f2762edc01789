package io.meshlake.governance;

import java.util.Map;
import java.util.TreeMap;

/**
 * Something to record in the audit log.
 *
 * @param kind what it is about
 * @param actor who did it: a user, a service account, or {@code meshlake} for the platform itself
 * @param details what exactly, as JSON-serialisable values (strings, numbers, booleans, lists, maps)
 */
public record AuditEvent(AuditKind kind, String actor, Map<String, Object> details) {
  public AuditEvent {
    if (kind == null) {
      throw new IllegalArgumentException("An audit event needs a kind, e.g. AuditKind.PUBLICATION");
    }
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("An audit event of kind " + kind.label() + " needs an actor");
    }
    details = new TreeMap<>(details);
  }
}
