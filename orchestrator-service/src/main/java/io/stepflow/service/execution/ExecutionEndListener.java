package io.stepflow.service.execution;

/**
 * Told when an execution that another one started (it has a {@code parentExecutionArn}) ends, in
 * the transaction that records its end: whatever a listener stores there commits exactly when the
 * end does, and a crash rolls both back. A listener must not block and must not throw for an end it
 * has nothing to do with.
 */
public interface ExecutionEndListener {

  /** The execution as it is now stored: its final status, output, error, cause and stop date. */
  void ended(ExecutionRecord execution);
}
