/**
 * Governance transforms for publishing products: each is a small class over Spark {@code Dataset}s and
 * {@code Column}s, built from Spark SQL expressions (the one exception is the HMAC, a per-task UDF).
 *
 * <ul>
 *   <li>{@link io.meshlake.governance.Pseudonymiser} — keyed HMAC-SHA256 pseudonyms
 *       {@code <key id>:<hex>}, the same for an identifier of the same {@link
 *       io.meshlake.governance.IdentifierKind} in every domain. Keys: {@link
 *       io.meshlake.governance.PseudonymKeyring} (environment or keyring file, never configuration);
 *       {@link io.meshlake.governance.DevPseudonymKey} for local development.
 *   <li>{@link io.meshlake.governance.Mask} — partial masking and redaction.
 *   <li>{@link io.meshlake.governance.SafeHarbor} — HIPAA Safe Harbor de-identification by {@link
 *       io.meshlake.governance.IdentifierCategory}, with a {@link io.meshlake.governance.DatePolicy}.
 *   <li>{@link io.meshlake.governance.ConsentFilter} and {@link io.meshlake.governance.FhirConsents} —
 *       removing members without consent for a product's purpose.
 *   <li>{@link io.meshlake.governance.SmallCellSuppression} — small counts and their complements in
 *       aggregate products.
 *   <li>{@link io.meshlake.governance.MinimumNecessary} — a consumer class's {@link
 *       io.meshlake.governance.Grant} of columns and their {@link io.meshlake.governance.ColumnTreatment}.
 *   <li>{@link io.meshlake.governance.AuditLog} — the hash-chained {@code meshlake_platform.audit_log}.
 * </ul>
 *
 * <p><b>Key rotation.</b> New publications use the keyring's current (last) key; every pseudonym
 * carries its key id, and a publication should record {@link
 * io.meshlake.governance.Pseudonymiser#keyId()} (e.g. as a table property and in its audit record).
 * Publications made under an older key stay as they are; their pseudonyms do not join with those of
 * newer ones, which the differing key ids make visible.
 */
package io.meshlake.governance;
