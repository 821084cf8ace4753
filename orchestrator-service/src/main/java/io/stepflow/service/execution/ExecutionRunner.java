package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.engine.Command;
import io.stepflow.engine.Decision;
import io.stepflow.engine.Effect;
import io.stepflow.engine.EngineException;
import io.stepflow.engine.ExecutionInfo;
import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.engine.ExecutionState;
import io.stepflow.engine.HistoryEvent;
import io.stepflow.service.Arns;
import io.stepflow.service.Wakeup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies queued commands, one execution per transaction: claim the execution's due commands,
 * rebuild its state (from the cache when no other instance moved it on, else from the history), let
 * the engine decide, append the events, update the execution row and carry out the effects that
 * must commit with them (timers, activity tasks, the outbox). A crash at any point rolls all of it
 * back, and the commands are claimed again.
 */
@Component
class ExecutionRunner {

  private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);

  /** How long commands wait for an execution that no transaction shows yet. */
  static final java.time.Duration UNKNOWN_EXECUTION_GRACE = java.time.Duration.ofMinutes(5);

  /** How long such commands wait before they are tried again. */
  static final java.time.Duration UNKNOWN_EXECUTION_RETRY = java.time.Duration.ofSeconds(1);

  private final TransactionTemplate transactions;
  private final JdbcCommandInbox inbox;
  private final ExecutionRepository executions;
  private final HistoryRepository history;
  private final DefinitionCache definitions;
  private final StateCache states;
  private final ExecutionProcessor processor;
  private final EffectHandler effects;
  private final ExecutionMetrics metrics;
  private final Wakeup endings = new Wakeup();
  private final Arns arns;
  private final Clock clock;
  private final ObjectProvider<ExecutionEndListener> endListeners;

  ExecutionRunner(
      TransactionTemplate transactions,
      JdbcCommandInbox inbox,
      ExecutionRepository executions,
      HistoryRepository history,
      DefinitionCache definitions,
      StateCache states,
      ExecutionProcessor processor,
      EffectHandler effects,
      ExecutionMetrics metrics,
      Arns arns,
      Clock clock,
      ObjectProvider<ExecutionEndListener> endListeners) {
    this.endListeners = endListeners;
    this.transactions = transactions;
    this.inbox = inbox;
    this.executions = executions;
    this.history = history;
    this.definitions = definitions;
    this.states = states;
    this.processor = processor;
    this.effects = effects;
    this.metrics = metrics;
    this.arns = arns;
    this.clock = clock;
  }

  /** Applies the due commands of one execution; false when nothing was due. */
  boolean runOnce() {
    Boolean worked = transactions.execute(tx -> applyNext());
    return Boolean.TRUE.equals(worked);
  }

  private boolean applyNext() {
    Optional<String> claimed = inbox.claimNextExecution();
    if (claimed.isEmpty()) {
      return false;
    }
    String arn = claimed.get();
    Optional<ExecutionRecord> locked = executions.lock(arn);
    java.time.Instant now = clock.instant();
    List<JdbcCommandInbox.Queued> claimedDue = inbox.claimDue(arn, now);
    if (locked.isEmpty()) {
      unknownExecution(arn, claimedDue);
      return true;
    }
    // Another worker may hold a due command of this execution (claimed before this worker took the
    // execution's lock, for which it now waits): apply only what comes before it, so that commands
    // apply in the order they were accepted (a TaskSubmitted queued before the task's result is
    // not applied after it). The rest is claimed again once this transaction ends.
    List<JdbcCommandInbox.Queued> commands =
        JdbcCommandInbox.inOrder(claimedDue, inbox.dueIds(arn, now));
    if (commands.isEmpty()) {
      return true;
    }
    ExecutionRecord record = locked.get();
    ExecutionState state = states.take(record).orElseGet(() -> replay(record));
    inbox.delete(commands.stream().map(JdbcCommandInbox.Queued::id).toList());
    apply(record, state, commands.stream().map(JdbcCommandInbox.Queued::command).toList());
    return true;
  }

  /**
   * Commands for an execution this transaction cannot see: its start may not have committed yet, so
   * they wait a little and are tried again; after {@link #UNKNOWN_EXECUTION_GRACE} they are
   * dropped, as no execution of that ARN will appear.
   */
  private void unknownExecution(String arn, List<JdbcCommandInbox.Queued> commands) {
    java.time.Instant now = clock.instant();
    List<Long> stale = new ArrayList<>();
    List<Long> young = new ArrayList<>();
    for (JdbcCommandInbox.Queued queued : commands) {
      (queued.createdAt().isBefore(now.minus(UNKNOWN_EXECUTION_GRACE)) ? stale : young)
          .add(queued.id());
    }
    inbox.delete(stale);
    inbox.postpone(young, now.plus(UNKNOWN_EXECUTION_RETRY));
    if (!stale.isEmpty()) {
      log.warn("Dropped {} commands for {}: no such execution", stale.size(), arn);
    }
    if (!young.isEmpty()) {
      log.info("Postponed {} commands for {}: no such execution yet", young.size(), arn);
    }
  }

  /**
   * Starts an execution whose row the caller has just inserted, in the caller's transaction: the
   * row, the transitions up to the first wait and their effects (timers, tasks, the outbox) commit
   * together, with no trip through the inbox. Nothing else can hold commands for an execution no
   * other transaction can see yet, so no lock is needed.
   */
  void startInTransaction(ExecutionRecord record, Command.StartExecution start) {
    ExecutionState state = new ExecutionState(info(record), definitions.get(record.definition()));
    apply(record, state, List.of(start));
  }

  private void apply(ExecutionRecord record, ExecutionState state, List<Command> commands) {
    String arn = record.arn();
    List<HistoryEvent> events = new ArrayList<>();
    List<Effect> wanted = new ArrayList<>();
    for (Command command : commands) {
      try {
        Decision decision = processor.handle(state, command);
        events.addAll(decision.events());
        wanted.addAll(decision.effects());
      } catch (EngineException e) {
        // a late or repeated command (a result after a timeout, a second stop): nothing to do
        log.debug("Ignored {} for {}: {}", command, arn, e.getMessage());
      }
    }
    history.append(arn, events);
    boolean ended = state.status().isTerminal();
    String output = ended && state.output() != null ? Json.write(state.output()) : null;
    java.time.Instant stopDate = ended ? stopDate(record, events) : null;
    executions.update(
        arn,
        state.status().name(),
        output,
        state.error(),
        state.cause(),
        stopDate,
        state.lastEventId(),
        state.redriveCount());
    if (ended && !state.status().name().equals(record.status())) {
      endedNow(record, state, output, stopDate);
    }
    effects.carryOut(arn, wanted);
    states.keepAfterCommit(arn, state);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            metrics.recorded(arn, events);
            if (ended) {
              endings.wake();
            }
          }
        });
  }

  /** Tells the listeners, in this transaction, that an execution started by another one ended. */
  private void endedNow(
      ExecutionRecord record, ExecutionState state, String output, java.time.Instant stopDate) {
    if (record.parentExecutionArn() == null) {
      return;
    }
    ExecutionRecord ended =
        new ExecutionRecord(
            record.arn(),
            record.stateMachineArn(),
            record.versionArn(),
            record.aliasArn(),
            record.name(),
            record.definition(),
            record.roleArn(),
            state.status().name(),
            record.input(),
            output,
            state.error(),
            state.cause(),
            record.startDate(),
            stopDate,
            state.lastEventId(),
            state.redriveCount(),
            record.parentExecutionArn());
    endListeners.orderedStream().forEach(listener -> listener.ended(ended));
  }

  /** When the execution ended: its last event's time, or the stored one when nothing new came. */
  private static java.time.Instant stopDate(ExecutionRecord record, List<HistoryEvent> events) {
    return events.isEmpty() ? record.stopDate() : events.get(events.size() - 1).timestamp();
  }

  private ExecutionState replay(ExecutionRecord record) {
    StateMachine machine = definitions.get(record.definition());
    List<HistoryEvent> stored =
        record.lastEventId() == 0 ? List.of() : history.all(record.arn()); // nothing to read yet
    return ExecutionState.replay(info(record), machine, stored);
  }

  ExecutionInfo info(ExecutionRecord record) {
    return new ExecutionInfo(
        record.arn(),
        record.name(),
        record.stateMachineArn(),
        arns.stateMachineName(record.stateMachineArn()),
        record.roleArn(),
        record.startDate());
  }

  /** Woken after a transition that ended an execution on this instance committed. */
  Wakeup endings() {
    return endings;
  }
}
