package io.meshlake.jobs.generate;

/**
 * Settles one charge into transaction lines the way Synthea's sample does: {@code CHARGE}, then for
 * insured claims an optional {@code COPAY} and insurer ({@code ECHECK}) payment, a {@code
 * TRANSFEROUT}/{@code TRANSFERIN} pair moving the balance to the patient, and the patient's payment
 * ({@code CASH}, {@code CHECK} or {@code CC}). Payments never exceed the charge; a few patients pay
 * only part or nothing, leaving a balance outstanding.
 */
final class ChargeSettlement {

  private static final PaymentMethod[] PATIENT_METHODS = {
    PaymentMethod.CASH, PaymentMethod.CHECK, PaymentMethod.CC
  };

  private ChargeSettlement() {}

  /**
   * Appends the lines of charge {@code charge} of {@code plan}, priced {@code amountCents}.
   *
   * @param insurer the insuring primary payer, or null when the claim is uninsured
   */
  static void settle(ClaimPlan plan, int charge, long amountCents, Payer insurer, Rng rng) {
    plan.addLine(TransactionType.CHARGE, charge, amountCents, amountCents, null);
    long remaining = amountCents;
    if (insurer != null) {
      if (charge == 0 && insurer.copayCents() > 0 && remaining > 0 && rng.chance(0.5)) {
        long copay = Math.min(insurer.copayCents(), remaining);
        remaining -= copay;
        plan.addLine(TransactionType.PAYMENT, charge, copay, remaining, PaymentMethod.COPAY);
      }
      if (remaining > 0 && rng.chance(0.3)) {
        long paid = Math.round(remaining * (0.5 + 0.5 * rng.nextDouble()));
        if (paid > 0) {
          remaining -= paid;
          plan.addLine(TransactionType.PAYMENT, charge, paid, remaining, PaymentMethod.ECHECK);
        }
      }
    }
    if (remaining > 0 && (insurer != null || rng.chance(0.1))) {
      plan.addLine(TransactionType.TRANSFEROUT, charge, remaining, remaining, null);
      plan.addLine(TransactionType.TRANSFERIN, charge, remaining, remaining, null);
    }
    if (remaining > 0) {
      double u = rng.nextDouble();
      long paid =
          u < 0.94
              ? remaining
              : u < 0.97 ? Math.max(1, Math.round(remaining * (0.3 + 0.6 * rng.nextDouble()))) : 0;
      if (paid > 0) {
        remaining -= paid;
        PaymentMethod method = PATIENT_METHODS[rng.nextInt(PATIENT_METHODS.length)];
        plan.addLine(TransactionType.PAYMENT, charge, paid, remaining, method);
      }
    }
    plan.outstandingCents += remaining;
  }
}
