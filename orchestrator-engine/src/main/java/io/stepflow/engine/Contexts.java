package io.stepflow.engine;

import io.stepflow.asl.jsonata.JsonataScope;
import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.ParallelState;
import io.stepflow.asl.model.State;
import io.stepflow.asl.model.TaskState;
import io.stepflow.asl.path.Scope;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the context object ({@code $$}, {@code $states.context}) a branch sees at a state. */
final class Contexts {

  private final Run run;
  private Branch cachedFor;
  private long cachedEntered;
  private int cachedRetries;
  private Map<String, Object> cached;

  Contexts(Run run) {
    this.run = run;
  }

  /**
   * The context object without extras, built once per state entry and retry: expressions may read
   * it but never change it.
   */
  private Map<String, Object> plain(Branch b) {
    if (cached == null
        || cachedFor != b
        || cachedEntered != b.enteredEventId
        || cachedRetries != b.retryCount) {
      cached = contextObject(b, Map.of());
      cachedFor = b;
      cachedEntered = b.enteredEventId;
      cachedRetries = b.retryCount;
    }
    return cached;
  }

  Map<String, Object> contextObject(Branch b, Map<String, Object> extra) {
    ExecutionInfo info = run.s.info;
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("Id", info.executionArn());
    execution.put("Input", run.s.input);
    execution.put("StartTime", info.startTime() == null ? null : info.startTime().toString());
    execution.put("Name", info.executionName());
    execution.put("RoleArn", info.roleArn());
    execution.put("RedriveCount", run.s.redriveCount);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("Id", info.stateMachineArn());
    machine.put("Name", info.stateMachineName());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Name", b.state);
    state.put("EnteredTime", b.enteredTime == null ? null : b.enteredTime.toString());
    State st = b.machine.state(b.state);
    if (st instanceof TaskState || st instanceof ParallelState || st instanceof MapState) {
      state.put("RetryCount", b.retryCount);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("Execution", execution);
    context.put("StateMachine", machine);
    context.put("State", state);
    context.putAll(extra);
    return run.probe.context(context);
  }

  Scope jsonPath(Branch b, Object input) {
    return Expressions.jsonPath(input, plain(b), b.variables, run.settings.random());
  }

  Scope jsonPath(Branch b, Object input, Map<String, Object> extra) {
    return Expressions.jsonPath(input, contextObject(b, extra), b.variables, run.settings.random());
  }

  JsonataScope jsonata(Branch b, Object input) {
    return Expressions.jsonata(input, plain(b), b.variables, run.settings.random());
  }

  JsonataScope jsonata(Branch b, Object input, Map<String, Object> extra) {
    return Expressions.jsonata(input, contextObject(b, extra), b.variables, run.settings.random());
  }
}
