package io.stepflow.service.statemachine;

/**
 * What an execution runs: the state machine and the definition and role chosen for it.
 *
 * @param stateMachineArn the unqualified ARN of the state machine
 * @param name the state machine's name
 * @param type STANDARD or EXPRESS
 * @param roleArn the role of the chosen revision
 * @param definition the definition text of the chosen revision
 * @param versionArn the version that was run; null when the unqualified ARN was given
 * @param aliasArn the alias the version was chosen through; null unless an alias ARN was given
 */
public record ResolvedStateMachine(
    String stateMachineArn,
    String name,
    String type,
    String roleArn,
    String definition,
    String versionArn,
    String aliasArn) {}
