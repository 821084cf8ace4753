package io.stepflow.asl.validate;

/**
 * One problem found in a state machine definition, shaped like AWS's
 * ValidateStateMachineDefinitionDiagnostic.
 *
 * @param severity whether the problem rejects the definition
 * @param code AWS's code where AWS has one (for example {@code MISSING_TRANSITION_TARGET}), else
 *     one of Stepflow's in the same style; see {@link DefinitionValidator} for the list
 * @param location a JSON pointer to the offending field, for example {@code /States/Foo/Next}
 * @param message what was expected and what was found
 */
public record Diagnostic(Severity severity, String code, String location, String message) {

  @Override
  public String toString() {
    return severity + " " + code + " at " + (location.isEmpty() ? "/" : location) + ": " + message;
  }
}
