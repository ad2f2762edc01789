package io.meshlake.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/**
 * The 18 kinds of identifier that HIPAA Safe Harbor de-identification removes, in the order of
 * 45 CFR 164.514(b)(2)(i)(A)–(R). A product contract says which of its columns carries which kind;
 * {@link SafeHarbor} says what each becomes.
 */
public enum IdentifierCategory {
  /** (A) Names. */
  NAMES,
  /** (B) Geographic subdivisions smaller than a state: street address, city, county, precinct, ZIP code, geocodes. */
  GEOGRAPHIC_SUBDIVISIONS,
  /**
   * (C) All elements of dates (except year) directly related to an individual — birth, admission,
   * discharge, death — and all ages over 89 with the dates indicating them.
   */
  DATES,
  /** (D) Telephone numbers. */
  TELEPHONE_NUMBERS,
  /** (E) Fax numbers. */
  FAX_NUMBERS,
  /** (F) Electronic mail addresses. */
  EMAIL_ADDRESSES,
  /** (G) Social security numbers. */
  SOCIAL_SECURITY_NUMBERS,
  /** (H) Medical record numbers. */
  MEDICAL_RECORD_NUMBERS,
  /** (I) Health plan beneficiary numbers, e.g. member ids. */
  HEALTH_PLAN_BENEFICIARY_NUMBERS,
  /** (J) Account numbers. */
  ACCOUNT_NUMBERS,
  /** (K) Certificate and license numbers. */
  CERTIFICATE_LICENSE_NUMBERS,
  /** (L) Vehicle identifiers and serial numbers, including license plate numbers. */
  VEHICLE_IDENTIFIERS,
  /** (M) Device identifiers and serial numbers. */
  DEVICE_IDENTIFIERS,
  /** (N) Web universal resource locators (URLs). */
  URLS,
  /** (O) Internet protocol (IP) addresses. */
  IP_ADDRESSES,
  /** (P) Biometric identifiers, including finger and voice prints. */
  BIOMETRIC_IDENTIFIERS,
  /** (Q) Full-face photographs and any comparable images. */
  FULL_FACE_PHOTOGRAPHS,
  /** (R) Any other unique identifying number, characteristic, or code. */
  OTHER_UNIQUE_IDENTIFIERS;

  /** The spelling in contracts, e.g. {@code health_plan_beneficiary_numbers}. */
  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a contract's {@code safe_harbor} value, naming the 18 categories when it is unknown. */
  @JsonCreator
  public static IdentifierCategory of(String label) {
    return Labels.parse(values(), label, "Safe Harbor identifier category");
  }
}
