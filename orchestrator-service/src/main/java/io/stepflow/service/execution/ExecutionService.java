package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.Command;
import io.stepflow.engine.HistoryEvent;
import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import io.stepflow.service.statemachine.ResolvedStateMachine;
import io.stepflow.service.statemachine.StateMachineCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executions for both APIs: start (idempotent by name), describe, list, stop and history. A start
 * stores the execution and runs it up to its first wait (a Task, a Wait, the end) in one
 * transaction; workers apply what comes after.
 */
@Service
public class ExecutionService {

  private static final Pattern NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

  private final StateMachineCatalog catalog;
  private final ExecutionRepository executions;
  private final HistoryRepository history;
  private final CommandInbox inbox;
  private final TransactionTemplate transactions;
  private final ExecutionSettings settings;
  private final Arns arns;
  private final Clock clock;
  private final ExecutionRunner runner;

  ExecutionService(
      StateMachineCatalog catalog,
      ExecutionRepository executions,
      HistoryRepository history,
      CommandInbox inbox,
      TransactionTemplate transactions,
      ExecutionSettings settings,
      Arns arns,
      Clock clock,
      ExecutionRunner runner) {
    this.runner = runner;
    this.catalog = catalog;
    this.executions = executions;
    this.history = history;
    this.inbox = inbox;
    this.transactions = transactions;
    this.settings = settings;
    this.arns = arns;
    this.clock = clock;
  }

  /**
   * Starts an execution. The same name with the same input returns the execution already started;
   * another input gets ExecutionAlreadyExists.
   *
   * @param name the execution's name, or null for a generated one
   * @param input JSON text, or null for {}
   */
  public ExecutionRecord start(String stateMachineArn, String name, String input) {
    return start(stateMachineArn, name, input, null);
  }

  /**
   * Starts an execution on behalf of another one (a Task state's {@code states:startExecution}): as
   * {@link #start(String, String, String)}, with the parent recorded in the child's {@code
   * parent_execution_arn}. Joins the caller's transaction when there is one.
   *
   * @param parentExecutionArn the execution that starts it, or null for none
   */
  public ExecutionRecord start(
      String stateMachineArn, String name, String input, String parentExecutionArn) {
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    if (!NAME.matcher(executionName).matches()) {
      throw new StepflowException(
          "InvalidName",
          StepflowException.Kind.INVALID,
          "Expected name to be 1 to 80 characters without spaces, brackets, wildcards or"
              + " punctuation such as \" # % \\ ^ | ~ ` $ & , ; : /, but found '"
              + executionName
              + "'");
    }
    String text = input == null ? "{}" : input;
    Object parsed = parseInput(text);
    // one transaction: the lookup, the row, the first transitions and their effects
    return transactions.execute(
        tx -> {
          ResolvedStateMachine machine = catalog.resolveForExecution(stateMachineArn);
          String arn = arns.execution(machine.name(), executionName);
          return startOrReturn(machine, arn, executionName, text, parsed, parentExecutionArn);
        });
  }

  private ExecutionRecord startOrReturn(
      ResolvedStateMachine machine,
      String arn,
      String name,
      String text,
      Object parsed,
      String parentExecutionArn) {
    // milliseconds, as AWS reports times and as every database here keeps them
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    ExecutionRecord record =
        new ExecutionRecord(
            arn,
            machine.stateMachineArn(),
            machine.versionArn(),
            machine.aliasArn(),
            name,
            machine.definition(),
            machine.roleArn(),
            "RUNNING",
            text,
            null,
            null,
            null,
            now,
            null,
            0,
            0,
            parentExecutionArn);
    if (executions.insertIfAbsent(record)) {
      runner.startInTransaction(record, new Command.StartExecution(parsed));
      return record;
    }
    ExecutionRecord existing = describe(arn);
    if ("RUNNING".equals(existing.status())
        && Json.jsonEquals(Json.parse(existing.input()), parsed)) {
      return existing;
    }
    throw new StepflowException(
        "ExecutionAlreadyExists",
        StepflowException.Kind.CONFLICT,
        "Expected a new execution name or the input of the running execution "
            + arn
            + ", but an execution of that name "
            + ("RUNNING".equals(existing.status()) ? "runs with another input" : "has ended"));
  }

  private Object parseInput(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > settings.maxPayloadSize().toBytes()) {
      throw new StepflowException(
          "InvalidExecutionInput",
          StepflowException.Kind.LIMIT_EXCEEDED,
          "Expected input of at most "
              + settings.maxPayloadSize().toBytes()
              + " bytes (stepflow.executions.max-payload-size), but found "
              + text.getBytes(StandardCharsets.UTF_8).length);
    }
    try {
      return Json.parse(text);
    } catch (RuntimeException e) {
      throw new StepflowException(
          "InvalidExecutionInput",
          StepflowException.Kind.INVALID,
          "Expected input to be JSON text, but: " + e.getMessage());
    }
  }

  public ExecutionRecord describe(String executionArn) {
    arns.executionMachineName(executionArn);
    return executions
        .find(executionArn)
        .orElseThrow(
            () ->
                StepflowException.notFound(
                    "ExecutionDoesNotExist",
                    "Expected an execution, but none has the ARN " + executionArn));
  }

  /** A page of executions, newest first, and the token of the next page (null at the end). */
  public record Page(List<ExecutionRecord> executions, String nextToken) {}

  public Page list(ExecutionQuery query, int maxResults, String nextToken) {
    ExecutionQuery q = query;
    if (nextToken != null) {
      q =
          new ExecutionQuery(
              query.stateMachineArn(),
              query.versionOrAliasArn(),
              query.status(),
              query.namePrefix(),
              query.startedFrom(),
              query.startedTo(),
              describe(PageTokens.read(nextToken)));
    }
    List<ExecutionRecord> rows = executions.list(q, maxResults + 1);
    if (rows.size() <= maxResults) {
      return new Page(rows, null);
    }
    List<ExecutionRecord> page = rows.subList(0, maxResults);
    return new Page(page, PageTokens.write(page.get(maxResults - 1).arn()));
  }

  /**
   * Starts an execution of an EXPRESS machine and answers when it has ended. One still running
   * after {@code limit} is returned as it is (RUNNING); it goes on, and DescribeExecution follows
   * it.
   */
  public ExecutionRecord startSync(
      String stateMachineArn, String name, String input, java.time.Duration limit) {
    ResolvedStateMachine machine = catalog.resolveForExecution(stateMachineArn);
    if (!"EXPRESS".equals(machine.type())) {
      throw new StepflowException(
          "StateMachineTypeNotSupported",
          StepflowException.Kind.INVALID,
          "Expected an EXPRESS state machine for StartSyncExecution, but "
              + machine.stateMachineArn()
              + " is "
              + machine.type());
    }
    ExecutionRecord started = start(stateMachineArn, name, input);
    Instant deadline = clock.instant().plus(limit);
    while (true) {
      long seen = runner.endings().generation();
      ExecutionRecord now = describe(started.arn());
      java.time.Duration left = java.time.Duration.between(clock.instant(), deadline);
      if (!"RUNNING".equals(now.status()) || left.isNegative() || left.isZero()) {
        return now;
      }
      try {
        // other instances' endings are seen by this re-read, at most a poll interval late
        runner.endings().awaitChange(seen, min(left, settings.pollInterval()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
    }
  }

  private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /**
   * Runs again an execution that failed, timed out or was stopped, from the top-level state it
   * ended in, with that state's input.
   */
  public Instant redrive(String executionArn) {
    return transactions.execute(
        tx -> {
          ExecutionRecord e = describe(executionArn);
          if (!REDRIVABLE.contains(e.status())) {
            throw new StepflowException(
                "ExecutionNotRedrivable",
                StepflowException.Kind.CONFLICT,
                "Expected an execution that failed, timed out or was aborted, but "
                    + executionArn
                    + " is "
                    + e.status());
          }
          Instant now = clock.instant();
          inbox.enqueue(executionArn, new Command.RedriveExecution(), now);
          return now;
        });
  }

  static final java.util.Set<String> REDRIVABLE =
      java.util.Set.of("FAILED", "TIMED_OUT", "ABORTED");

  /** Asks a running execution to stop; its ExecutionAborted follows within a moment. */
  public Instant stop(String executionArn, String error, String cause) {
    return transactions.execute(
        tx -> {
          ExecutionRecord e = describe(executionArn);
          if (!"RUNNING".equals(e.status())) {
            return e.stopDate();
          }
          Instant now = clock.instant();
          inbox.enqueue(executionArn, new Command.StopExecution(error, cause), now);
          return now;
        });
  }

  /** The events AWS shows, numbered 1..n. */
  public List<HistoryView.Event> history(String executionArn) {
    describe(executionArn);
    List<HistoryEvent> all = history.all(executionArn);
    return HistoryView.visible(all);
  }
}
