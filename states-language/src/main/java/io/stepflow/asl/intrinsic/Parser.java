package io.stepflow.asl.intrinsic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text of an intrinsic function call into a {@link Node.Call}. The grammar:
 *
 * <pre>
 * call     := 'States.' name '(' [ argument { ',' argument } ] ')'
 * argument := call | string | number | 'true' | 'false' | 'null' | path
 * string   := "'" { char | '\' char } "'"
 * path     := '$' ...   (up to the next ',' or ')' outside brackets)
 * </pre>
 */
final class Parser {

  private static final String PREFIX = "States.";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  private final String text;
  private int pos;

  private Parser(String text) {
    this.text = text;
  }

  /** Parses a whole expression, which must be exactly one call. */
  static Node.Call parse(String expression) {
    if (expression == null) {
      throw new IntrinsicSyntaxException("Expected an intrinsic function call, but found null");
    }
    Parser parser = new Parser(expression);
    parser.skipSpaces();
    Node.Call call = parser.call();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("the end of the expression");
    }
    return call;
  }

  private Node.Call call() {
    if (!text.startsWith(PREFIX, pos)) {
      throw error("a function name starting with '" + PREFIX + "'");
    }
    int start = pos;
    pos += PREFIX.length();
    while (!atEnd() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (name.length() == PREFIX.length()) {
      throw error("a function name after '" + PREFIX + "'");
    }
    skipSpaces();
    expect('(');
    List<Node> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
      return new Node.Call(name, arguments);
    }
    while (true) {
      arguments.add(argument());
      skipSpaces();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ')') {
        pos++;
        return new Node.Call(name, arguments);
      } else {
        throw error("',' or ')' after an argument of " + name);
      }
    }
  }

  private Node argument() {
    skipSpaces();
    char c = peek();
    if (c == '\'') {
      return text();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (text.startsWith(PREFIX, pos)) {
      return call();
    }
    int start = pos;
    while (!atEnd() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "true":
        return new Node.Constant(Boolean.TRUE);
      case "false":
        return new Node.Constant(Boolean.FALSE);
      case "null":
        return new Node.Constant(null);
      default:
        pos = start;
        throw error("an argument (a 'string', a number, true, false, null, a path or a call)");
    }
  }

  private Node.Text text() {
    pos++; // opening quote
    int start = pos;
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(pos);
      if (c == '\'') {
        String source = text.substring(start, pos);
        pos++;
        return new Node.Text(value.toString(), source);
      }
      if (c == '\\' && pos + 1 < text.length()) {
        char next = text.charAt(pos + 1);
        if (next == '\'' || next == '{' || next == '}' || next == '\\') {
          value.append(next);
        } else {
          value.append(c).append(next);
        }
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    throw new IntrinsicSyntaxException(
        "Expected a closing quote for the string that starts at position "
            + (start - 1)
            + " of '"
            + text
            + "', but found the end of the expression");
  }

  private Node.PathRef path() {
    int start = pos;
    int brackets = 0;
    int parens = 0;
    char quote = 0;
    while (!atEnd()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (brackets > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (brackets > 0 && c == '(') {
        parens++;
      } else if (brackets > 0 && c == ')') {
        parens--;
      } else if (brackets == 0 && parens == 0 && (c == ',' || c == ')')) {
        break;
      }
      pos++;
    }
    if (quote != 0 || brackets != 0) {
      throw new IntrinsicSyntaxException(
          "Expected a complete path at position " + start + " of '" + text + "', but it is open");
    }
    String path = text.substring(start, pos).strip();
    return new Node.PathRef(path);
  }

  private Node.Constant number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (!atEnd() && isNumberChar(text.charAt(pos))) {
      pos++;
    }
    String literal = text.substring(start, pos);
    if (!NUMBER.matcher(literal).matches()) {
      pos = start;
      throw error("a number");
    }
    if (INTEGER.matcher(literal).matches()) {
      return new Node.Constant(Numbers.narrow(new BigInteger(literal)));
    }
    return new Node.Constant(new BigDecimal(literal));
  }

  private static boolean isNumberChar(char c) {
    return Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return atEnd() ? '\0' : text.charAt(pos);
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IntrinsicSyntaxException error(String expected) {
    String found = atEnd() ? "the end of the expression" : "'" + text.substring(pos) + "'";
    return new IntrinsicSyntaxException(
        "Expected " + expected + " at position " + pos + " of '" + text + "', but found " + found);
  }
}
