package io.meshlake.jobs.generate;

/** Values of {@code claims_transactions.TYPE}. */
enum TransactionType {
  /** A billed service; {@code AMOUNT} is its price. */
  CHARGE,
  /** Money received; {@code PAYMENTS} is the amount, {@code METHOD} how it was paid. */
  PAYMENT,
  /** The balance leaves the insurer's responsibility ({@code TRANSFERS} = {@code OUTSTANDING} = balance). */
  TRANSFEROUT,
  /** The balance becomes the patient's responsibility; {@code TRANSFEROUTID} names the matching transfer out. */
  TRANSFERIN
}
