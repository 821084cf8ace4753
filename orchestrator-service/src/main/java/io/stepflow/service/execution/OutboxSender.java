package io.stepflow.service.execution;

import io.stepflow.engine.Command;
import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends claimed outbox entries to the task dispatcher (the connectors); their outcomes, and the
 * submissions of {@code .waitForTaskToken} and {@code .sync} tasks, come back as commands through
 * the inbox.
 */
@Component
class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final int BATCH = 32;

  private final Outbox outbox;
  private final TaskDispatcher dispatcher;
  private final CommandInbox inbox;
  private final TransactionTemplate transactions;
  private final ExecutionSettings settings;
  private final Clock clock;
  private final String owner = "instance-" + UUID.randomUUID();

  OutboxSender(
      Outbox outbox,
      TaskDispatcher dispatcher,
      CommandInbox inbox,
      TransactionTemplate transactions,
      ExecutionSettings settings,
      Clock clock) {
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.inbox = inbox;
    this.transactions = transactions;
    this.settings = settings;
    this.clock = clock;
  }

  /** Woken when entries were added on this instance. */
  io.stepflow.service.Wakeup signal() {
    return outbox.signal();
  }

  /** Sends what is due; false when nothing was. */
  boolean sendDue() {
    List<Outbox.Entry> entries =
        transactions.execute(tx -> outbox.claim(owner, settings.outboxLease(), BATCH));
    if (entries == null || entries.isEmpty()) {
      return false;
    }
    List<Long> sent = new ArrayList<>(entries.size());
    try {
      for (Outbox.Entry entry : entries) {
        try {
          send(entry); // hands the work on and returns: connectors do not wait here
          sent.add(entry.id());
        } catch (RuntimeException e) {
          // it stays leased and is sent again once its lease ends; the rest of the batch goes on
          log.warn(
              "Could not send outbox entry {} of {}; it is sent again after {}",
              entry.id(),
              entry.executionArn(),
              settings.outboxLease(),
              e);
        }
      }
    } finally {
      // one transaction for the batch
      transactions.executeWithoutResult(tx -> outbox.delete(sent));
    }
    return true;
  }

  private void send(Outbox.Entry entry) {
    Map<String, Object> e = entry.effect();
    long taskId = ((Number) e.get("taskId")).longValue();
    String resource = (String) e.get("resource");
    if ("CancelTask".equals(e.get("type"))) {
      dispatcher.cancel(entry.executionArn(), taskId, resource);
      return;
    }
    dispatcher.dispatch(
        new TaskRequest(
            entry.executionArn(),
            taskId,
            resource,
            e.get("parameters"),
            (String) e.get("taskToken"),
            seconds(e.get("timeoutSeconds")),
            seconds(e.get("heartbeatSeconds"))),
        outcomes);
  }

  private static Duration seconds(Object value) {
    return value instanceof Number n ? Duration.ofSeconds(n.longValue()) : null;
  }

  private final TaskDispatcher.TaskOutcomes outcomes =
      new TaskDispatcher.TaskOutcomes() {
        /**
         * Queued like an outcome. Should the task's token come back first (a consumer faster than
         * this report), the engine finds the task ended and records nothing: AWS shows
         * TaskSubmitted before TaskSucceeded, never after.
         */
        @Override
        public void submitted(String executionArn, long taskId, Object output) {
          enqueue(executionArn, new Command.TaskSubmitted(taskId, output));
        }

        @Override
        public void heartbeat(String executionArn, long taskId) {
          enqueue(executionArn, new Command.HeartbeatTask(taskId));
        }

        @Override
        public void succeeded(String executionArn, long taskId, Object output) {
          enqueue(executionArn, new Command.SucceedTask(taskId, output));
        }

        @Override
        public void failed(String executionArn, long taskId, String error, String cause) {
          enqueue(executionArn, new Command.FailTask(taskId, error, cause));
        }
      };

  private void enqueue(String executionArn, Command command) {
    transactions.executeWithoutResult(tx -> inbox.enqueue(executionArn, command, clock.instant()));
  }
}
