package io.stepflow.asl;

/** The root of every exception the states-language module throws. */
public abstract class StatesLanguageException extends RuntimeException {

  protected StatesLanguageException(String message) {
    super(message);
  }

  protected StatesLanguageException(String message, Throwable cause) {
    super(message, cause);
  }
}
