package io.stepflow.asl.validate;

/** How bad a {@link Diagnostic} is: an ERROR rejects the definition, a WARNING does not. */
public enum Severity {
  ERROR,
  WARNING
}
