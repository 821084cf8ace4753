package io.stepflow.service.statemachine;

/** One entry of an alias's routingConfiguration: a version and its share of executions. */
record Route(String stateMachineVersionArn, int weight) {}
