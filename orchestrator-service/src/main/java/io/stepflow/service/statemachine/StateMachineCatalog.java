package io.stepflow.service.statemachine;

/** How the execution feature finds what to run. */
public interface StateMachineCatalog {

  /**
   * For StartExecution: resolves an unqualified, version or alias ARN. For an alias, picks one of
   * its versions at random by the routing weights.
   *
   * @throws io.stepflow.service.StepflowException StateMachineDoesNotExist (Kind.NOT_FOUND) when
   *     the state machine, version or alias does not exist; InvalidArn when the ARN is malformed
   */
  ResolvedStateMachine resolveForExecution(String arn);
}
