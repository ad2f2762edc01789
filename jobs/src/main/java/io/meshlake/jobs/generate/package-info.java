/**
 * A fast, deterministic generator of a synthetic Synthea v3 CSV-compatible claims extract.
 *
 * <p>Entry point: {@link io.meshlake.jobs.generate.SyntheaCsvGenerator#generate}. A first extract
 * ({@code firstMember} 0) writes {@code payers.csv}, {@code organizations.csv}, {@code
 * providers.csv} (Synthea's columns plus {@code NPI}), {@code patients.csv}, {@code
 * payer_transitions.csv}, {@code claims.csv} and {@code claims_transactions.csv}. An increment
 * ({@code firstMember} &gt; 0, usually with a {@code part}) writes only the four member files,
 * named e.g. {@code patients.p0002.csv}, whose rows reference the first extract's providers and
 * payers.
 */
package io.meshlake.jobs.generate;
