package io.stepflow.service.execution;

import io.stepflow.engine.Command;
import java.time.Instant;

/**
 * Where accepted commands wait until a worker applies them to their execution. Enqueueing joins the
 * caller's transaction, so a command is stored exactly when what caused it is (a started execution,
 * a fired timer, a task result).
 */
public interface CommandInbox {

  /** Stores the command, to be applied no earlier than {@code availableAt}. */
  void enqueue(String executionArn, Command command, Instant availableAt);
}
