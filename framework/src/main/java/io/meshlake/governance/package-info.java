/**
 * Governance of gold publications: the policies of {@code conf/governance/} ({@link
 * io.meshlake.governance.policy.PolicySet}) applied by the {@link io.meshlake.governance.Governor} at
 * every publication, the {@link io.meshlake.governance.GoldGuard} that refuses every other write to a
 * gold table, {@link io.meshlake.governance.ConsumerSession} for queries as a consumer class, and {@link
 * io.meshlake.governance.NamingAuditor} for the standards. What a class sees of a product is a {@link
 * io.meshlake.governance.ClassView}: a view over the gold table (pseudonyms and date shifts read from the
 * pseudonym map each publication extends, so a query needs no key), or, for an aggregate whose small cells the
 * class may not see, a table derived at publication.
 *
 * <p>The transforms are small classes over Spark {@code Dataset}s and {@code Column}s, built from Spark
 * SQL expressions (the one exception is the HMAC, a per-task UDF):
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
 * carries its key id, and each publication records it (in its gold commits, its class tables' commits and
 * its audit record); a new current key makes the next run publish every product again, and the views then
 * show the new key's pseudonyms. Pseudonyms handed out under an older key stay as they were (the map keeps
 * them); they do not join with newer ones, which the differing key ids make visible.
 */
package io.meshlake.governance;
