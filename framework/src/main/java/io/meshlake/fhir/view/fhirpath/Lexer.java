package io.meshlake.fhir.view.fhirpath;

import java.util.ArrayList;
import java.util.List;

/** Splits a FHIRPath expression into tokens (FHIRPath N1 lexical rules, without comments' nesting). */
final class Lexer {
  private static final String[] SYMBOLS = {"<=", ">=", "!=", "!~", "(", ")", "[", "]", "{", "}", ".", ",", "+", "-",
      "*", "/", "&", "|", "=", "~", "<", ">"};

  private final String source;
  private int pos;

  private Lexer(String source) {
    this.source = source;
  }

  static List<Token> tokens(String source) {
    Lexer lexer = new Lexer(source);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (token.kind() != Token.Kind.END);
    return tokens;
  }

  private Token next() {
    skipSpaceAndComments();
    if (pos >= source.length()) {
      return new Token(Token.Kind.END, "", pos);
    }
    int start = pos;
    char c = source.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      return new Token(Token.Kind.IDENTIFIER, identifier(), start);
    }
    if (c == '$') {
      pos++;
      return new Token(Token.Kind.IDENTIFIER, "$" + identifier(), start);
    }
    if (c == '`') {
      return new Token(Token.Kind.DELIMITED_IDENTIFIER, quoted('`'), start);
    }
    if (c == '\'') {
      return new Token(Token.Kind.STRING, quoted('\''), start);
    }
    if (c == '%') {
      pos++;
      if (pos < source.length() && (source.charAt(pos) == '`' || source.charAt(pos) == '\'')) {
        return new Token(Token.Kind.CONSTANT, quoted(source.charAt(pos)), start);
      }
      String name = identifier();
      if (name.isEmpty()) {
        throw error("'%' must be followed by a constant name, e.g. %my_constant", start);
      }
      return new Token(Token.Kind.CONSTANT, name, start);
    }
    if (c == '@') {
      return temporal(start);
    }
    if (Character.isDigit(c)) {
      return new Token(Token.Kind.NUMBER, number(), start);
    }
    for (String symbol : SYMBOLS) {
      if (source.startsWith(symbol, pos)) {
        pos += symbol.length();
        return new Token(Token.Kind.SYMBOL, symbol, start);
      }
    }
    throw error("unexpected character '" + c + "'", start);
  }

  private void skipSpaceAndComments() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (source.startsWith("//", pos)) {
        int end = source.indexOf('\n', pos);
        pos = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", pos)) {
        int end = source.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("unterminated comment", pos);
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
      pos++;
    }
    return source.substring(start, pos);
  }

  private String number() {
    int start = pos;
    while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
      pos++;
    }
    if (pos + 1 < source.length() && source.charAt(pos) == '.' && Character.isDigit(source.charAt(pos + 1))) {
      pos++;
      while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
        pos++;
      }
    }
    return source.substring(start, pos);
  }

  private Token temporal(int start) {
    pos++;
    boolean time = pos < source.length() && source.charAt(pos) == 'T';
    if (time) {
      pos++;
    }
    int bodyStart = pos;
    while (pos < source.length() && isTemporalChar(source.charAt(pos))) {
      pos++;
    }
    String body = source.substring(bodyStart, pos);
    if (body.isEmpty()) {
      throw error("'@' must start a date, dateTime or time literal, e.g. @2020-01-31 or @T12:30", start);
    }
    return new Token(time ? Token.Kind.TIME : Token.Kind.DATE_TIME, body, start);
  }

  private static boolean isTemporalChar(char c) {
    return Character.isDigit(c) || c == '-' || c == ':' || c == 'T' || c == '.' || c == '+' || c == 'Z';
  }

  private String quoted(char quote) {
    int start = pos;
    pos++;
    StringBuilder text = new StringBuilder();
    while (pos < source.length() && source.charAt(pos) != quote) {
      char c = source.charAt(pos++);
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (pos >= source.length()) {
        break;
      }
      char escaped = source.charAt(pos++);
      switch (escaped) {
        case 'n' -> text.append('\n');
        case 't' -> text.append('\t');
        case 'r' -> text.append('\r');
        case 'f' -> text.append('\f');
        case 'u' -> {
          if (pos + 4 > source.length()) {
            throw error("incomplete \\u escape", pos - 2);
          }
          text.append((char) Integer.parseInt(source.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> text.append(escaped);
      }
    }
    if (pos >= source.length()) {
      throw error("unterminated " + (quote == '\'' ? "string" : "identifier") + " starting", start);
    }
    pos++;
    return text.toString();
  }

  private FhirPathException error(String what, int at) {
    return new FhirPathException("Invalid FHIRPath '" + source + "': " + what + " at position " + at);
  }
}
