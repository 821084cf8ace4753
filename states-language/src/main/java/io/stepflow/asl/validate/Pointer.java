package io.stepflow.asl.validate;

/** Builds JSON pointers (RFC 6901) such as {@code /States/Foo/Next}. */
final class Pointer {

  private Pointer() {}

  static String at(String base, String token) {
    return base + "/" + token.replace("~", "~0").replace("/", "~1");
  }

  static String at(String base, int index) {
    return base + "/" + index;
  }
}
