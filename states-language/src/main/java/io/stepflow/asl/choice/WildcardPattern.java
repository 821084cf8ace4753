package io.stepflow.asl.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * The pattern of {@code StringMatches}: {@code *} matches any run of characters (also none), and
 * {@code \*} and {@code \\} stand for a literal star and backslash.
 */
final class WildcardPattern {

  /** Literal pieces between the stars; a star sits between each two pieces. */
  private final List<String> pieces;

  private final String source;

  private WildcardPattern(String source, List<String> pieces) {
    this.source = source;
    this.pieces = List.copyOf(pieces);
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException when a backslash escapes anything but {@code *} or {@code \},
   *     or ends the pattern
   */
  static WildcardPattern parse(String pattern) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= pattern.length()
            || (pattern.charAt(i + 1) != '*' && pattern.charAt(i + 1) != '\\')) {
          throw new IllegalArgumentException(
              "Expected '\\' to escape '*' or '\\' in the StringMatches pattern '"
                  + pattern
                  + "', but found it at position "
                  + i
                  + " before "
                  + (i + 1 < pattern.length() ? "'" + pattern.charAt(i + 1) + "'" : "the end"));
        }
        piece.append(pattern.charAt(++i));
      } else if (c == '*') {
        pieces.add(piece.toString());
        piece.setLength(0);
      } else {
        piece.append(c);
      }
    }
    pieces.add(piece.toString());
    return new WildcardPattern(pattern, pieces);
  }

  boolean matches(String text) {
    String first = pieces.get(0);
    if (pieces.size() == 1) {
      return text.equals(first);
    }
    String last = pieces.get(pieces.size() - 1);
    if (!text.startsWith(first)
        || !text.endsWith(last)
        || text.length() < first.length() + last.length()) {
      return false;
    }
    int from = first.length();
    int until = text.length() - last.length();
    for (int i = 1; i < pieces.size() - 1; i++) {
      int at = text.indexOf(pieces.get(i), from);
      if (at < 0 || at + pieces.get(i).length() > until) {
        return false;
      }
      from = at + pieces.get(i).length();
    }
    return true;
  }

  @Override
  public String toString() {
    return source;
  }
}
