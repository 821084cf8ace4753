package io.stepflow.asl.validate;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.util.Optional;

/**
 * Reference paths of the JSONPath query language: {@code $.a} over the input, {@code $$.a} over the
 * context object, {@code $name.a} over a variable. Each is compiled with Jayway JsonPath.
 */
final class Paths {

  /** What a path may be. */
  enum Kind {
    /** Any path: InputPath, OutputPath, Variable, {@code .$} values. */
    PATH,
    /** A path naming one value: SecondsPath, ItemsPath, the *Path comparators. */
    REFERENCE,
    /** Where to put a result: one value of the state's input ({@code $} or {@code $.a.b}). */
    RESULT
  }

  private Paths() {}

  /** What is wrong with the path, or empty when it is legal for the kind. */
  static Optional<String> problem(String path, Kind kind) {
    if (!path.startsWith("$")) {
      return Optional.of("it does not begin with '$'");
    }
    String rest;
    if (path.startsWith("$$")) {
      if (kind == Kind.RESULT) {
        return Optional.of("a result cannot be written into the context object ($$)");
      }
      rest = path.substring(2);
    } else if (path.length() > 1 && isNameStart(path.charAt(1))) {
      if (kind == Kind.RESULT) {
        return Optional.of("a result cannot be written into a variable");
      }
      int end = 2;
      while (end < path.length() && isNamePart(path.charAt(end))) {
        end++;
      }
      rest = path.substring(end);
    } else {
      rest = path.substring(1);
    }
    if (!rest.isEmpty() && !rest.startsWith(".") && !rest.startsWith("[")) {
      return Optional.of("'" + rest + "' does not begin with '.' or '['");
    }
    if (!bracketsBalance(rest)) {
      return Optional.of("its brackets [ ] do not pair up");
    }
    try {
      JsonPath compiled = JsonPath.compile("$" + rest);
      if (kind != Kind.PATH && !compiled.isDefinite()) {
        return Optional.of("it is not a definite path (no wildcards, filters, slices or '..')");
      }
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // Jayway fails on some malformed paths with other exceptions (index out of range...)
      return Optional.of("it does not parse");
    }
  }

  /** Jayway ignores a trailing '[' and reads a stray ']' as part of a name: check them here. */
  private static boolean bracketsBalance(String path) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (depth > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth < 0) {
        return false;
      }
    }
    return depth == 0 && quote == 0;
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
