package io.meshlake.jobs.generate;

import java.util.List;

/** The payers of Synthea's default Massachusetts setup; ids come from the seed. */
final class PayerCatalog {

  private PayerCatalog() {}

  /** @return the payers in a fixed order, ids minted by {@code ids} from their index */
  static List<Payer> payers(IdGenerator ids) {
    return List.of(
        new Payer(ids.id(0, 0), "Dual Eligible", "7500 Security Blvd", "Baltimore", "MD", "21244",
            "1-877-267-2323", Payer.Kind.DUAL_ELIGIBLE, 0),
        new Payer(ids.id(1, 0), "Medicare", "7500 Security Blvd", "Baltimore", "MD", "21244",
            "1-800-633-4227", Payer.Kind.MEDICARE, 25_00),
        new Payer(ids.id(2, 0), "Medicaid", "7500 Security Blvd", "Baltimore", "MD", "21244",
            "1-877-267-2323", Payer.Kind.MEDICAID, 0),
        new Payer(ids.id(3, 0), "Humana", "500 West Main St", "Louisville", "KY", "40018",
            "1-844-330-7799", Payer.Kind.COMMERCIAL, 45_00),
        new Payer(ids.id(4, 0), "Blue Cross Blue Shield", "Michigan Plaza", "Chicago", "IL",
            "60007", "1-800-262-2583", Payer.Kind.COMMERCIAL, 40_00),
        new Payer(ids.id(5, 0), "UnitedHealthcare", "9800 Healthcare Lane", "Minnetonka", "MN",
            "55436", "1-888-545-5205", Payer.Kind.COMMERCIAL, 75_00),
        new Payer(ids.id(6, 0), "Aetna", "151 Farmington Ave", "Hartford", "CT", "6156",
            "1-800-872-3862", Payer.Kind.COMMERCIAL, 60_00),
        new Payer(ids.id(7, 0), "Cigna Health", "900 Cottage Grove Rd", "Bloomfield", "CT", "6002",
            "1-800-997-1654", Payer.Kind.COMMERCIAL, 80_00),
        new Payer(ids.id(8, 0), "Anthem", "220 Virginia Ave", "Indianapolis", "IN", "46204",
            "1-800-331-1476", Payer.Kind.COMMERCIAL, 50_00),
        new Payer(ids.id(9, 0), "NO_INSURANCE", "", "", "", "", "", Payer.Kind.NO_INSURANCE, 0));
  }
}
