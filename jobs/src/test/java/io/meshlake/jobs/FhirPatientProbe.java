package io.meshlake.jobs;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.hl7.fhir.r4.model.Patient;

/**
 * A Spark application that SparkClusterIT submits to the cluster beside the cluster job jar: executors
 * parse a FHIR Patient with the HAPI classes of that jar, and report where the un-relocated Guava they
 * see comes from (the Spark distribution's old one, which HAPI must not use). Test code only.
 */
public final class FhirPatientProbe {
  static final String PATIENT = "{\"resourceType\": \"Patient\", \"id\": \"p1\", \"name\": [{\"family\": \"Everyman\","
      + " \"given\": [\"Adam\"]}], \"birthDate\": \"1970-01-31\"}";

  private FhirPatientProbe() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("meshlake-fhir-probe").getOrCreate();
    List<String> seen = spark.createDataset(Collections.nCopies(4, PATIENT), Encoders.STRING()).repartition(2)
        .mapPartitions((MapPartitionsFunction<String, String>) FhirPatientProbe::parse, Encoders.STRING())
        .collectAsList();
    seen.forEach(line -> System.out.println("PROBE " + line));
    spark.stop();
  }

  private static Iterator<String> parse(Iterator<String> json) throws ClassNotFoundException {
    IParser parser = FhirContext.forR4Cached().newJsonParser();
    String guava = String.valueOf(Class.forName("com.google.common.base.Preconditions").getProtectionDomain()
        .getCodeSource().getLocation());
    List<String> out = new ArrayList<>();
    json.forEachRemaining(text -> {
      Patient patient = parser.parseResource(Patient.class, text);
      out.add(patient.getIdPart() + " " + patient.getNameFirstRep().getFamily() + " "
          + patient.getBirthDateElement().getValueAsString() + " guava=" + guava);
    });
    return out.iterator();
  }
}
