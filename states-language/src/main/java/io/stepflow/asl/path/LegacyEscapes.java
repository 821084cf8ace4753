package io.stepflow.asl.path;

/**
 * AWS reads a quoted bracket property such as {@code $['a\"b']} keeping every backslash except one
 * before the closing quote character ({@code \'} in {@code '...'}). Jayway 2.10 unescapes {@code
 * \"}, {@code \n} and the like instead; this rewrite doubles those other backslashes so that Jayway
 * reads the same property name AWS does.
 */
final class LegacyEscapes {

  private LegacyEscapes() {}

  static String rewrite(String path) {
    if (path.indexOf('\\') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length() + 8);
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote == 0) {
        out.append(c);
        if (c == '[') {
          int j = i + 1;
          while (j < path.length() && path.charAt(j) == ' ') {
            out.append(' ');
            j++;
          }
          if (j < path.length() && (path.charAt(j) == '\'' || path.charAt(j) == '"')) {
            quote = path.charAt(j);
            out.append(quote);
          }
          i = j - (quote == 0 ? 1 : 0);
        }
      } else if (c == '\\') {
        if (i + 1 < path.length() && path.charAt(i + 1) == quote) {
          out.append('\\').append(quote);
          i++;
        } else {
          out.append("\\\\");
        }
      } else {
        out.append(c);
        if (c == quote) {
          quote = 0;
        }
      }
    }
    return out.toString();
  }
}
