package io.stepflow.service;

/**
 * The root of the service's exceptions. Each carries AWS's error code (what the AWS-compatible API
 * puts in {@code __type}) and a kind that the REST API maps to an HTTP status; the message says
 * what was expected and what was found.
 */
public class StepflowException extends RuntimeException {

  /** What sort of problem it is, for APIs that answer with different statuses. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    LIMIT_EXCEEDED,
    UNAUTHORIZED,
    INTERNAL
  }

  private final String code;
  private final Kind kind;

  public StepflowException(String code, Kind kind, String message) {
    super(message);
    this.code = code;
    this.kind = kind;
  }

  /** AWS's error code, for example {@code StateMachineDoesNotExist}. */
  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  /** A request field that is missing or malformed. */
  public static StepflowException invalid(String field, String expected, Object found) {
    return new StepflowException(
        "ValidationException",
        Kind.INVALID,
        "Expected " + field + " to be " + expected + ", but found " + describe(found));
  }

  public static StepflowException notFound(String code, String what) {
    return new StepflowException(code, Kind.NOT_FOUND, what);
  }

  private static String describe(Object found) {
    if (found == null) {
      return "nothing";
    }
    if (found instanceof String s) {
      return "'" + s + "'";
    }
    return String.valueOf(found);
  }
}
