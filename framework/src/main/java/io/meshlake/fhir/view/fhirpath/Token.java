package io.meshlake.fhir.view.fhirpath;

/** One lexical token of a FHIRPath expression, with its offset for error messages. */
record Token(Kind kind, String text, int offset) {

  /** What a token is. */
  enum Kind {
    IDENTIFIER, DELIMITED_IDENTIFIER, STRING, NUMBER, DATE_TIME, TIME, CONSTANT, SYMBOL, END
  }

  boolean is(String symbol) {
    return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER) && text.equals(symbol);
  }
}
