package io.meshlake.ingest;

import org.apache.spark.sql.types.StructType;

/**
 * What a bronze table is filled from: which files of the extract folder are its own, and the columns
 * their records become. Either a declared {@link CsvLayout} or {@link FhirResources} of some types.
 */
public sealed interface ExtractFormat permits CsvLayout, FhirResources {

  /** A short name for table properties and messages, e.g. {@code claims} or {@code fhir Encounter}. */
  String name();

  /** Whether a file name (without directories) belongs to this format. */
  boolean matches(String fileName);

  /** The file names this format takes, for plans and messages, e.g. {@code claims[.<part>].csv[.gz]}. */
  String describe();

  /** The bronze columns of a record, without ingest metadata. */
  StructType schema();
}
