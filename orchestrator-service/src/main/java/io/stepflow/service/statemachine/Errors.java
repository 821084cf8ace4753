package io.stepflow.service.statemachine;

import io.stepflow.service.StepflowException;
import io.stepflow.service.StepflowException.Kind;

/** The AWS errors of this feature, with messages that say what was expected and found. */
final class Errors {

  private Errors() {}

  static StepflowException stateMachineDoesNotExist(String arn) {
    return StepflowException.notFound(
        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static StepflowException resourceNotFound(String what, String arn) {
    return StepflowException.notFound(
        "ResourceNotFound", "Expected " + what + " '" + arn + "' to exist, but it does not");
  }

  static StepflowException conflict(String message) {
    return new StepflowException("ConflictException", Kind.CONFLICT, message);
  }

  static StepflowException invalidArn(String field, String expected, String found) {
    return new StepflowException(
        "InvalidArn",
        Kind.INVALID,
        "Expected " + field + " to be " + expected + ", but found '" + found + "'");
  }

  static StepflowException invalidName(String field, String rule, String found) {
    return new StepflowException(
        "InvalidName",
        Kind.INVALID,
        "Expected " + field + " to be " + rule + ", but found '" + found + "'");
  }

  static StepflowException validation(String message) {
    return new StepflowException("ValidationException", Kind.INVALID, message);
  }

  static StepflowException quotaExceeded(String message) {
    return new StepflowException("ServiceQuotaExceededException", Kind.LIMIT_EXCEEDED, message);
  }
}
