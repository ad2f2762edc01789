package io.meshlake.jobs.generate;

/** Values of {@code claims_transactions.METHOD} on payments. */
enum PaymentMethod {
  CASH,
  CHECK,
  /** Credit card. */
  CC,
  /** The member's copay on an insured encounter. */
  COPAY,
  /** Electronic check, used here for the insurer's payment. */
  ECHECK
}
