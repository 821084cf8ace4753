package io.stepflow.connectors.http;

import io.stepflow.connectors.ConnectorCallback;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A callback that waits for the one outcome a connector reports. */
public final class Outcome implements ConnectorCallback {

  /** How a task ended: output when it succeeded, else error and cause. */
  public record Result(Object output, String error, String cause) {}

  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final CompletableFuture<Object> submitted = new CompletableFuture<>();

  @Override
  public void submitted(Object output) {
    if (!submitted.complete(output)) {
      throw new AssertionError("Expected one submitted report, but found a second: " + output);
    }
  }

  @Override
  public void succeeded(Object output) {
    result.complete(new Result(output, null, null));
  }

  @Override
  public void failed(String error, String cause) {
    result.complete(new Result(null, error, cause));
  }

  /** What the connector reported as submitted. */
  public Object awaitSubmitted() {
    try {
      return submitted.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no submitted report within 10s", e);
    }
  }

  /** Whether the connector reported the task submitted. */
  public boolean wasSubmitted() {
    return submitted.isDone();
  }

  public Result await() {
    return await(Duration.ofSeconds(10));
  }

  public Result await(Duration within) {
    try {
      return result.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no outcome within " + within, e);
    }
  }
}
