package io.meshlake.jobs.generate;

/**
 * One claim as sampled before it is written: its header values, its charges and every transaction
 * line settling them. A single instance is refilled per claim ({@link ClaimSampler}, {@link
 * ChargeSettlement}); {@link ClaimsFile} and {@link ClaimTransactionsFile} read it.
 */
final class ClaimPlan {

  static final int MAX_CHARGES = 1 + Distributions.MAX_EXTRA_SERVICES;
  static final int MAX_DIAGNOSES = 8;
  /** Charge, copay, insurer payment, transfer out, transfer in, patient payment. */
  static final int MAX_LINES_PER_CHARGE = 6;

  int claimIndex;
  final char[] id = new char[IdGenerator.LENGTH];
  final char[] appointmentId = new char[IdGenerator.LENGTH];
  long serviceSecond;
  long endSecond;
  long illnessSecond;
  ClinicalCatalog.EncounterType encounter;
  /** Index of the rendering (and supervising) provider. */
  int provider;
  int diagnosisCount;
  final String[] diagnoses = new String[MAX_DIAGNOSES];
  /** Index of the insuring primary payer, or -1 when uninsured (written as {@code 0}). */
  int primaryPayer;
  /** Index of the secondary payer, or -1 (written as {@code 0}). */
  int secondaryPayer;
  /** Sum of what remains unpaid over all charges. */
  long outstandingCents;

  int chargeCount;
  final ClinicalCatalog.Service[] chargeServices = new ClinicalCatalog.Service[MAX_CHARGES];

  int lineCount;
  final TransactionType[] lineTypes = new TransactionType[MAX_CHARGES * MAX_LINES_PER_CHARGE];
  final int[] lineCharges = new int[MAX_CHARGES * MAX_LINES_PER_CHARGE];
  /** Price for a charge, amount paid for a payment, balance moved for a transfer. */
  final long[] lineAmounts = new long[MAX_CHARGES * MAX_LINES_PER_CHARGE];
  /** Balance of the line's charge after the line. */
  final long[] lineOutstanding = new long[MAX_CHARGES * MAX_LINES_PER_CHARGE];
  /** Method of a payment, null for other lines. */
  final PaymentMethod[] lineMethods = new PaymentMethod[MAX_CHARGES * MAX_LINES_PER_CHARGE];

  boolean insured() {
    return primaryPayer >= 0;
  }

  /** Forgets the previous claim's charges, lines and outstanding balance. */
  void clear() {
    diagnosisCount = 0;
    chargeCount = 0;
    lineCount = 0;
    outstandingCents = 0;
  }

  /** @return the index of the added charge */
  int addCharge(ClinicalCatalog.Service service) {
    chargeServices[chargeCount] = service;
    return chargeCount++;
  }

  void addLine(
      TransactionType type, int charge, long amountCents, long outstandingAfter, PaymentMethod method) {
    lineTypes[lineCount] = type;
    lineCharges[lineCount] = charge;
    lineAmounts[lineCount] = amountCents;
    lineOutstanding[lineCount] = outstandingAfter;
    lineMethods[lineCount] = method;
    lineCount++;
  }
}
