package io.stepflow.engine.memory;

import io.stepflow.asl.model.StateMachine;
import io.stepflow.engine.ExecutionInfo;
import io.stepflow.engine.ExecutionStore;
import io.stepflow.engine.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps executions in a map; for tests, benchmarks and TestState. */
public final class InMemoryExecutionStore implements ExecutionStore {

  private final Map<String, StoredExecution> executions = new ConcurrentHashMap<>();

  @Override
  public void create(ExecutionInfo info, StateMachine machine) {
    executions.put(info.executionArn(), new StoredExecution(info, machine, new ArrayList<>()));
  }

  @Override
  public void append(String executionArn, List<HistoryEvent> events) {
    List<HistoryEvent> history = executions.get(executionArn).history();
    long expected = history.isEmpty() ? 1 : history.get(history.size() - 1).id() + 1;
    if (!events.isEmpty() && events.get(0).id() != expected) {
      throw new IllegalStateException(
          "Expected the next event to be number " + expected + ", but got " + events.get(0).id());
    }
    history.addAll(events);
  }

  @Override
  public Optional<StoredExecution> find(String executionArn) {
    return Optional.ofNullable(executions.get(executionArn));
  }
}
