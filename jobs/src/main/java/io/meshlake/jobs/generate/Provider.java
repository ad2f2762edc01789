package io.meshlake.jobs.generate;

/**
 * A clinician working at one organization (whose address is theirs).
 *
 * @param organization index into the reference organizations
 * @param npi valid 10-digit National Provider Identifier
 */
record Provider(
    String id, int organization, String name, char gender, String speciality, String npi) {}
