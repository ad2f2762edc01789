package io.meshlake.governance;

/** Whether a member with no consent decision for a purpose is in a product of that purpose. */
public enum ConsentModel {
  /** Members are in unless they opted out: no decision means included. */
  OPT_OUT,
  /** Members are out unless they opted in: no decision means excluded. */
  OPT_IN
}
