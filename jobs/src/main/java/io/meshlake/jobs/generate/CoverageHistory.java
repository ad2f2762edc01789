package io.meshlake.jobs.generate;

import java.util.Arrays;

/**
 * A member's coverage as yearly spans (Synthea's payer transitions), and which span covers a given
 * instant. One instance is refilled per member.
 *
 * <p>Spans run back to back, each a year and a few days, from birth (or, for members born earlier,
 * from their birthday in 2008) until death or the end of the simulated period. Some members stop
 * being covered in the past (terminated coverage), some skip one or two years (a gap); members
 * switch payers now and then, turn to Medicare at 65, and some spend years under {@code
 * NO_INSURANCE}.
 */
final class CoverageHistory {

  /** Who holds a span's coverage, as written to {@code OWNERSHIP}. */
  enum Ownership {
    SELF("Self"),
    GUARDIAN("Guardian"),
    SPOUSE("Spouse"),
    /** Nobody: the span is under {@code NO_INSURANCE}. */
    NONE("");

    private final String label;

    Ownership(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private static final double TERMINATED_SHARE = 0.08;
  private static final double GAP_SHARE = 0.06;
  private static final double SWITCH_PAYER_PER_YEAR = 0.12;
  private static final double UNINSURED_YEAR = 0.04;

  private int size;
  private long[] starts = new long[32];
  private long[] ends = new long[32];
  private int[] payers = new int[32];
  private int[] secondaryPayers = new int[32];
  private int[] memberIdOrdinals = new int[32];
  private Ownership[] ownerships = new Ownership[32];
  private String[] ownerNames = new String[32];

  /** Refills the history for {@code m} from {@code rng}. */
  void sample(Member m, ReferenceData reference, Rng rng) {
    size = 0;
    long firstDay =
        m.birthDay >= Timeline.HISTORY_START_DAY
            ? m.birthDay + 7 + rng.nextInt(3)
            : Timeline.HISTORY_START_DAY + Math.floorMod(m.birthDay - Timeline.HISTORY_START_DAY, 365);
    long start = firstDay * IsoDates.SECONDS_PER_DAY + m.birthSecondOfDay;
    long end = m.lifeEndSecond();
    if (rng.chance(TERMINATED_SHARE) && start < end) {
      end = rng.nextLong(start, end);
    }
    int gapFrom = rng.chance(GAP_SHARE) ? 1 + rng.nextInt(10) : -1;
    int gapTo = gapFrom + 1 + rng.nextInt(2);

    int commercial = reference.randomCommercial(rng);
    int previousPayer = -1;
    int memberIdOrdinal = 0;
    for (int year = 0; start < end; year++) {
      long next = start + (365 + rng.nextInt(8)) * IsoDates.SECONDS_PER_DAY;
      if (year >= gapFrom && year < gapTo) {
        start = next;
        continue;
      }
      if (rng.chance(SWITCH_PAYER_PER_YEAR)) {
        commercial = reference.randomCommercial(rng);
      }
      double age = m.ageAt(start);
      int payer = primaryPayer(m, age, commercial, reference, rng);
      int secondary =
          reference.payer(payer).kind() == Payer.Kind.MEDICARE
                  && m.insuranceProfile == Member.InsuranceProfile.COMMERCIAL
                  && m.medicareSupplement
              ? commercial
              : -1;
      if (payer != previousPayer) {
        memberIdOrdinal = year;
      }
      Ownership ownership =
          !reference.payer(payer).insures()
              ? Ownership.NONE
              : age < 18 ? Ownership.GUARDIAN : m.coveredBySpouse ? Ownership.SPOUSE : Ownership.SELF;
      String ownerName =
          switch (ownership) {
            case NONE -> "";
            case GUARDIAN -> rng.chance(0.7) ? m.guardianName : m.otherGuardianName;
            case SPOUSE -> m.spouseName;
            case SELF -> m.fullName;
          };
      add(start, next, payer, secondary, memberIdOrdinal, ownership, ownerName);
      previousPayer = payer;
      start = next;
    }
  }

  int size() {
    return size;
  }

  long start(int span) {
    return starts[span];
  }

  long end(int span) {
    return ends[span];
  }

  int payer(int span) {
    return payers[span];
  }

  /** @return the secondary payer index, or -1 for none */
  int secondaryPayer(int span) {
    return secondaryPayers[span];
  }

  /** @return the ordinal (within the member) from which the span's {@code MEMBERID} is derived; it changes only when the payer does */
  int memberIdOrdinal(int span) {
    return memberIdOrdinals[span];
  }

  Ownership ownership(int span) {
    return ownerships[span];
  }

  String ownerName(int span) {
    return ownerNames[span];
  }

  /** @return the span covering epoch second {@code second} ({@code start <= second < end}), or -1 */
  int spanAt(long second) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= second) {
        low = mid + 1;
      } else if (starts[mid] > second) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private static int primaryPayer(
      Member m, double age, int commercial, ReferenceData reference, Rng rng) {
    if (age >= 65) {
      return m.insuranceProfile == Member.InsuranceProfile.MEDICAID
          ? reference.dualEligible()
          : reference.medicare();
    }
    return switch (m.insuranceProfile) {
      case MEDICAID -> rng.chance(0.08) ? reference.noInsurance() : reference.medicaid();
      case UNINSURED -> rng.chance(0.2) ? reference.medicaid() : reference.noInsurance();
      case COMMERCIAL -> rng.chance(UNINSURED_YEAR) ? reference.noInsurance() : commercial;
    };
  }

  private void add(
      long start,
      long end,
      int payer,
      int secondary,
      int memberIdOrdinal,
      Ownership ownership,
      String ownerName) {
    if (size == starts.length) {
      int capacity = size * 2;
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      payers = Arrays.copyOf(payers, capacity);
      secondaryPayers = Arrays.copyOf(secondaryPayers, capacity);
      memberIdOrdinals = Arrays.copyOf(memberIdOrdinals, capacity);
      ownerships = Arrays.copyOf(ownerships, capacity);
      ownerNames = Arrays.copyOf(ownerNames, capacity);
    }
    starts[size] = start;
    ends[size] = end;
    payers[size] = payer;
    secondaryPayers[size] = secondary;
    memberIdOrdinals[size] = memberIdOrdinal;
    ownerships[size] = ownership;
    ownerNames[size] = ownerName;
    size++;
  }
}
