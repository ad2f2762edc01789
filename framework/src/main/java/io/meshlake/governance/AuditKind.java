package io.meshlake.governance;

import java.util.Locale;

/** What an audit record is about. */
public enum AuditKind {
  /** A run of the platform (which domains and tables it built). */
  RUN,
  /** A product version published. */
  PUBLICATION,
  /** A governance decision, e.g. which grant or consent model a publication applied. */
  POLICY_DECISION,
  /** A query run on behalf of a consumer class ({@code meshlake sql --as}). */
  QUERY;

  /** The kind as stored, e.g. {@code policy_decision}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
