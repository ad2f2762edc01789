package io.meshlake.jobs.generate;

/** A healthcare organization (hospital or practice); coordinates in micro-degrees. */
record Organization(
    String id,
    String name,
    String address,
    PlaceCatalog.Town town,
    String zip,
    long latMicros,
    long lonMicros,
    String phone) {}
