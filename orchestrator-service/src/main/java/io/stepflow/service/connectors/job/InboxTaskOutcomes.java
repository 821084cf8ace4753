package io.stepflow.service.connectors.job;

import io.stepflow.engine.Command;
import io.stepflow.engine.TaskDispatcher;
import io.stepflow.service.execution.CommandInbox;
import java.time.Clock;

/**
 * Where the job connector reports a task it took over from an instance that died (whose dispatcher
 * callback died with it): straight into the command inbox, in the caller's transaction, as the
 * outbox sender reports the tasks it dispatched. A job submitted again after a take-over reports
 * its submission here too, outside any transaction (the inbox row commits on its own).
 */
public final class InboxTaskOutcomes implements TaskDispatcher.TaskOutcomes {

  private final CommandInbox inbox;
  private final Clock clock;

  public InboxTaskOutcomes(CommandInbox inbox, Clock clock) {
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public void submitted(String executionArn, long taskId, Object output) {
    inbox.enqueue(executionArn, new Command.TaskSubmitted(taskId, output), clock.instant());
  }

  @Override
  public void heartbeat(String executionArn, long taskId) {
    inbox.enqueue(executionArn, new Command.HeartbeatTask(taskId), clock.instant());
  }

  @Override
  public void succeeded(String executionArn, long taskId, Object output) {
    inbox.enqueue(executionArn, new Command.SucceedTask(taskId, output), clock.instant());
  }

  @Override
  public void failed(String executionArn, long taskId, String error, String cause) {
    inbox.enqueue(executionArn, new Command.FailTask(taskId, error, cause), clock.instant());
  }
}
