package io.stepflow.connectors;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A connector's calls that have not completed yet, by task, so that a task can be cancelled. */
public final class InFlightCalls {

  private final Map<String, CompletableFuture<?>> calls = new ConcurrentHashMap<>();

  /** Keeps the call until it completes, and returns it. */
  public <T> CompletableFuture<T> track(ConnectorTask task, CompletableFuture<T> call) {
    String key = key(task);
    calls.put(key, call);
    call.whenComplete((result, error) -> calls.remove(key, call));
    return call;
  }

  /** Cancels the task's call if it has not completed. */
  public void cancel(ConnectorTask task) {
    CompletableFuture<?> call = calls.remove(key(task));
    if (call != null) {
      call.cancel(true);
    }
  }

  private static String key(ConnectorTask task) {
    return task.executionArn() + "#" + task.taskId();
  }
}
