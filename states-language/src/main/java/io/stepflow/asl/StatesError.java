package io.stepflow.asl;

/**
 * A failure while a state runs, named as AWS names it: {@code error} is what Retry and Catch match
 * on (for example {@code States.Runtime}), {@code cause} the human-readable text AWS reports.
 */
public final class StatesError extends StatesLanguageException {

  private final String error;
  private final String errorCause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause);
    this.error = error;
    this.errorCause = cause;
  }

  public StatesError(String error, String cause, Throwable throwable) {
    super(error + ": " + cause, throwable);
    this.error = error;
    this.errorCause = cause;
  }

  /** The error name, for example {@code States.IntrinsicFailure}. */
  public String error() {
    return error;
  }

  /** The cause text reported with the error; may be null. */
  public String cause() {
    return errorCause;
  }
}
