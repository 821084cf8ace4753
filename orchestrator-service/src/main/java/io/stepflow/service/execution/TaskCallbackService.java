package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.Command;
import io.stepflow.service.StepflowException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the token is checked and used, and the
 * command queued, in one transaction, so a task completes at most once.
 */
@Service
public class TaskCallbackService {

  private final TaskTokenService tokens;
  private final CommandInbox inbox;
  private final TransactionTemplate transactions;
  private final ExecutionSettings settings;
  private final Clock clock;

  TaskCallbackService(
      TaskTokenService tokens,
      CommandInbox inbox,
      TransactionTemplate transactions,
      ExecutionSettings settings,
      Clock clock) {
    this.tokens = tokens;
    this.inbox = inbox;
    this.transactions = transactions;
    this.settings = settings;
    this.clock = clock;
  }

  public void succeed(String token, String output) {
    if (output == null) {
      throw StepflowException.invalid("output", "JSON text", null);
    }
    if (output.getBytes(StandardCharsets.UTF_8).length > settings.maxPayloadSize().toBytes()) {
      throw new StepflowException(
          "InvalidOutput",
          StepflowException.Kind.LIMIT_EXCEEDED,
          "Expected output of at most " + settings.maxPayloadSize().toBytes() + " bytes");
    }
    Object parsed;
    try {
      parsed = Json.parse(output);
    } catch (RuntimeException e) {
      throw new StepflowException(
          "InvalidOutput",
          StepflowException.Kind.INVALID,
          "Expected output to be JSON text, but: " + e.getMessage());
    }
    transactions.executeWithoutResult(
        tx -> {
          TaskTokenService.TaskRef task = tokens.use(token);
          inbox.enqueue(
              task.executionArn(), new Command.SucceedTask(task.taskId(), parsed), clock.instant());
        });
  }

  public void fail(String token, String error, String cause) {
    transactions.executeWithoutResult(
        tx -> {
          TaskTokenService.TaskRef task = tokens.use(token);
          inbox.enqueue(
              task.executionArn(),
              new Command.FailTask(task.taskId(), error, cause),
              clock.instant());
        });
  }

  public void heartbeat(String token) {
    transactions.executeWithoutResult(
        tx -> {
          TaskTokenService.TaskRef task = tokens.open(token);
          inbox.enqueue(
              task.executionArn(), new Command.HeartbeatTask(task.taskId()), clock.instant());
        });
  }
}
