package io.stepflow.service.execution;

import io.stepflow.engine.ExecutionState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Executions' states as this instance last committed them, so that a command needs no replay of the
 * history. An entry is used only when the stored row says no one else moved the execution on since,
 * and it is taken out while a transaction changes it: a rollback leaves no half-changed state
 * behind.
 */
@Component
class StateCache {

  private static final int CAPACITY = 10_000;

  private final Map<String, ExecutionState> states =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecutionState> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Removes and returns the state when it is still the stored one. */
  synchronized Optional<ExecutionState> take(ExecutionRecord stored) {
    ExecutionState state = states.remove(stored.arn());
    if (state == null || state.lastEventId() != stored.lastEventId()) {
      return Optional.empty();
    }
    return Optional.of(state);
  }

  /** Keeps the state once the current transaction commits (and only then). */
  void keepAfterCommit(String arn, ExecutionState state) {
    if (state.status().isTerminal()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            put(arn, state);
          }
        });
  }

  private synchronized void put(String arn, ExecutionState state) {
    states.put(arn, state);
  }
}
