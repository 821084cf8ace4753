package io.stepflow.asl;

/** A state machine definition that cannot be accepted; the message says where and why. */
public final class DefinitionException extends StatesLanguageException {

  private final String location;

  public DefinitionException(String location, String message) {
    super(location == null || location.isEmpty() ? message : location + ": " + message);
    this.location = location;
  }

  /** Where in the definition the problem is, as a JSON pointer such as {@code /States/A/Next}. */
  public String location() {
    return location;
  }
}
