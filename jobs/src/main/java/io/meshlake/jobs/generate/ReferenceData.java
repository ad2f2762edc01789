package io.meshlake.jobs.generate;

import io.meshlake.codes.Npi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Payers, organizations and providers. They depend only on the seed — never on the member range or
 * file part — so incremental extracts can reference the ones written with the first extract.
 */
final class ReferenceData {

  static final int ORGANIZATIONS = 120;
  static final int PROVIDERS = 900;

  private static final String[] ORG_KINDS = {
    " MEDICAL CENTER", " HOSPITAL", " COMMUNITY HEALTH CENTER", " FAMILY PRACTICE", " PRIMARY CARE"
  };
  private static final String[] SPECIALITIES = {
    "INTERNAL MEDICINE", "NURSE PRACTITIONER", "PHYSICAL THERAPY", "PHYSICIAN ASSISTANT",
    "OBSTETRICS/GYNECOLOGY", "PEDIATRIC MEDICINE", "EMERGENCY MEDICINE", "CARDIOLOGY",
    "ORTHOPEDIC SURGERY", "DERMATOLOGY", "PSYCHIATRY", "GASTROENTEROLOGY"
  };
  private static final String GENERAL_PRACTICE = "GENERAL PRACTICE";
  /** Odd and not a multiple of 5, hence coprime with 10^8: distinct providers get distinct NPIs. */
  private static final long NPI_STEP = 7_654_321L;
  private static final long NPI_RANGE = 100_000_000L;

  private final List<Payer> payers;
  private final List<Organization> organizations;
  private final List<Provider> providers;
  private final int medicare;
  private final int medicaid;
  private final int dualEligible;
  private final int noInsurance;
  private final int[] commercial;

  private ReferenceData(long seed) {
    payers = PayerCatalog.payers(new IdGenerator(seed, "payer"));
    Rng rng = new Rng(0);
    rng.reseed(seed, Rng.salt("reference-data"), 0);
    organizations = organizations(rng, new IdGenerator(seed, "organization"));
    providers = providers(rng, new IdGenerator(seed, "provider"));
    medicare = indexOf(Payer.Kind.MEDICARE);
    medicaid = indexOf(Payer.Kind.MEDICAID);
    dualEligible = indexOf(Payer.Kind.DUAL_ELIGIBLE);
    noInsurance = indexOf(Payer.Kind.NO_INSURANCE);
    commercial =
        IntStream.range(0, payers.size())
            .filter(i -> payers.get(i).kind() == Payer.Kind.COMMERCIAL)
            .toArray();
  }

  /** @return the reference data for {@code seed} */
  static ReferenceData create(long seed) {
    return new ReferenceData(seed);
  }

  List<Payer> payers() {
    return payers;
  }

  List<Organization> organizations() {
    return organizations;
  }

  List<Provider> providers() {
    return providers;
  }

  Payer payer(int index) {
    return payers.get(index);
  }

  Provider provider(int index) {
    return providers.get(index);
  }

  Organization organizationOf(Provider provider) {
    return organizations.get(provider.organization());
  }

  int medicare() {
    return medicare;
  }

  int medicaid() {
    return medicaid;
  }

  int dualEligible() {
    return dualEligible;
  }

  int noInsurance() {
    return noInsurance;
  }

  /** @return a commercial payer index drawn uniformly */
  int randomCommercial(Rng rng) {
    return commercial[rng.nextInt(commercial.length)];
  }

  /** @return number of general practitioners; they are providers {@code [0, count)}, one per organization */
  int generalPractitioners() {
    return ORGANIZATIONS;
  }

  private int indexOf(Payer.Kind kind) {
    for (int i = 0; i < payers.size(); i++) {
      if (payers.get(i).kind() == kind) {
        return i;
      }
    }
    throw new IllegalStateException("the payer catalog lacks a " + kind + " payer: add one to PayerCatalog");
  }

  private static List<Organization> organizations(Rng rng, IdGenerator ids) {
    List<Organization> result = new ArrayList<>(ORGANIZATIONS);
    for (int i = 0; i < ORGANIZATIONS; i++) {
      PlaceCatalog.Town town = PlaceCatalog.TOWNS[rng.nextInt(PlaceCatalog.TOWNS.length)];
      String name =
          rng.chance(0.7)
              ? town.name().toUpperCase(Locale.ROOT) + ORG_KINDS[rng.nextInt(ORG_KINDS.length)]
              : NameCatalog.LAST[rng.nextInt(NameCatalog.LAST.length)].toUpperCase(Locale.ROOT)
                  + " HEALTH ASSOCIATES";
      String address =
          (1 + rng.nextInt(1999))
              + " "
              + NameCatalog.ORG_STREETS[rng.nextInt(NameCatalog.ORG_STREETS.length)];
      String phone = (rng.chance(0.5) ? "508" : "617") + (2_000_000 + rng.nextInt(7_999_999));
      result.add(
          new Organization(
              ids.id(i, 0),
              name,
              address,
              town,
              town.zip(),
              town.latMicros() + rng.nextInt(40_001) - 20_000,
              town.lonMicros() + rng.nextInt(40_001) - 20_000,
              phone));
    }
    return List.copyOf(result);
  }

  private static List<Provider> providers(Rng rng, IdGenerator ids) {
    List<Provider> result = new ArrayList<>(PROVIDERS);
    long npiOffset = rng.nextLong(0, NPI_RANGE);
    for (int i = 0; i < PROVIDERS; i++) {
      boolean female = rng.chance(0.5);
      String[] firstNames = female ? NameCatalog.FEMALE_FIRST : NameCatalog.MALE_FIRST;
      String name =
          firstNames[rng.nextInt(firstNames.length)]
              + (1 + rng.nextInt(999))
              + " "
              + NameCatalog.LAST[rng.nextInt(NameCatalog.LAST.length)]
              + (1 + rng.nextInt(999));
      boolean generalPractitioner = i < ORGANIZATIONS;
      int organization = generalPractitioner ? i : rng.nextInt(ORGANIZATIONS);
      String speciality =
          generalPractitioner || rng.chance(0.3)
              ? GENERAL_PRACTICE
              : SPECIALITIES[Distributions.skewedIndex(rng, SPECIALITIES.length)];
      String first9 = String.format("1%08d", (npiOffset + i * NPI_STEP) % NPI_RANGE);
      result.add(
          new Provider(
              ids.id(i, 0),
              organization,
              name,
              female ? 'F' : 'M',
              speciality,
              first9 + Npi.checkDigitFor(first9)));
    }
    return List.copyOf(result);
  }
}
