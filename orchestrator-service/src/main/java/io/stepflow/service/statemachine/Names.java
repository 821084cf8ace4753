package io.stepflow.service.statemachine;

import java.util.regex.Pattern;

/** AWS's rules for the names of state machines, activities and aliases. */
final class Names {

  static final int MAX_LENGTH = 80;
  private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";
  private static final Pattern ALIAS = Pattern.compile("(?=.*[a-zA-Z_\\-.])[a-zA-Z0-9_\\-.]+");

  private Names() {}

  /**
   * A state machine name: 1 to 80 characters, no white space, brackets, wildcards, special
   * characters {@code " # % \ ^ | ~ ` $ & , ; : /} or control characters. Throws InvalidName.
   */
  static String requireMachineName(String name) {
    if (!isMachineName(name)) {
      throw Errors.invalidName(
          "name",
          "1 to "
              + MAX_LENGTH
              + " characters without white space, brackets, wildcards, control characters or any"
              + " of "
              + FORBIDDEN,
          name);
    }
    return name;
  }

  static boolean isMachineName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    return name.codePoints()
        .noneMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || c <= 0x1F
                    || (c >= 0x7F && c <= 0x9F)
                    || FORBIDDEN.indexOf(c) >= 0);
  }

  /**
   * An alias name: 1 to 80 of letters, digits, '-', '_' and '.', not only digits (a number names a
   * version). Throws InvalidName.
   */
  static String requireAliasName(String name) {
    if (!isAliasName(name)) {
      throw Errors.invalidName(
          "name",
          "1 to "
              + MAX_LENGTH
              + " letters, digits, '-', '_' or '.', with at least one that is not a digit",
          name);
    }
    return name;
  }

  static boolean isAliasName(String name) {
    return name != null && name.length() <= MAX_LENGTH && ALIAS.matcher(name).matches();
  }
}
