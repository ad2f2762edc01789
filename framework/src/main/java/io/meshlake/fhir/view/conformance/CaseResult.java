package io.meshlake.fhir.view.conformance;

/**
 * The outcome of one test case of a SQL on FHIR conformance file.
 *
 * @param name the test's title
 * @param passed whether the view did what the test expects
 * @param error why it failed, or null when it passed
 */
public record CaseResult(String name, boolean passed, String error) {

  static CaseResult pass(String name) {
    return new CaseResult(name, true, null);
  }

  static CaseResult fail(String name, String error) {
    return new CaseResult(name, false, error);
  }
}
