package io.stepflow.engine;

/** The root of the exceptions the engine throws; the message says what was expected. */
public class EngineException extends RuntimeException {

  private final String code;

  public EngineException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A stable name for the problem, for example {@code TaskDoesNotExist}. */
  public String code() {
    return code;
  }
}
