package io.stepflow.asl.validate;

/** Diagnostic codes: AWS's where AWS has one, Stepflow's own in the same style otherwise. */
final class Codes {

  // AWS's codes
  static final String MISSING_DESCRIPTION = "MISSING_DESCRIPTION";
  static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
  static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
  static final String INVALID_RESOURCE = "INVALID_RESOURCE";
  static final String MISSING_END_STATE = "MISSING_END_STATE";
  static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
  static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
  static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
  static final String NO_DOLLAR = "NO_DOLLAR";
  static final String PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC";

  // Stepflow's own
  static final String UNREACHABLE_STATE = "UNREACHABLE_STATE";
  static final String INVALID_JSONPATH = "INVALID_JSONPATH";
  static final String INVALID_INTRINSIC_FUNCTION = "INVALID_INTRINSIC_FUNCTION";
  static final String INVALID_JSONATA = "INVALID_JSONATA";
  static final String INVALID_QUERY_LANGUAGE = "INVALID_QUERY_LANGUAGE";
  static final String INVALID_CHOICE_RULE = "INVALID_CHOICE_RULE";
  static final String INVALID_RETRIER = "INVALID_RETRIER";
  static final String INVALID_ERROR_EQUALS = "INVALID_ERROR_EQUALS";

  private Codes() {}
}
