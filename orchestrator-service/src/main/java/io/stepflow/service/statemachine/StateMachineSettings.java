package io.stepflow.service.statemachine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * State machines, under {@code stepflow.state-machines.*}.
 *
 * @param resolveCacheTtl how long StartExecution may reuse a state machine, version or alias it
 *     read from the database. A change made through this instance is seen at once; one made through
 *     another instance within this time, as AWS documents for UpdateStateMachine ("executions
 *     started immediately after ... may use the previous definition"). {@code 0s} reads the
 *     database on every start. Default {@code 1s}.
 */
@ConfigurationProperties("stepflow.state-machines")
public record StateMachineSettings(@DefaultValue("1s") Duration resolveCacheTtl) {}
