package io.stepflow.service.nested;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.service.StepflowException;
import io.stepflow.service.execution.ExecutionRecord;
import io.stepflow.service.execution.ExecutionService;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code arn:aws:states:::states:startExecution}, with every integration pattern: starts an
 * execution of another state machine (the child) on behalf of a Task state (the parent's task).
 *
 * <ul>
 *   <li>Request-response: the task's result is {@code {ExecutionArn, StartDate}}.
 *   <li>{@code .sync} and {@code .sync:2}: the task's result is the child's description once it has
 *       ended ({@link ChildExecutionResults}); stopping the parent's task stops the child.
 *   <li>{@code .waitForTaskToken}: the child starts with the input the Parameters give it (which
 *       carries {@code $$.Task.Token}); the task completes when someone sends that token back.
 * </ul>
 *
 * <p>A {@code .sync}, {@code .sync:2} or {@code .waitForTaskToken} task reports {@code
 * {ExecutionArn, StartDate}} as submitted (AWS's TaskSubmitted) when its child has started.
 *
 * <p>The child and the link to its parent's task are stored in one transaction. The outbox sends a
 * task at least once: a task sent again finds its link and starts no second child.
 */
@Component
class StartExecutionConnector implements Connector {

  private static final Logger log = LoggerFactory.getLogger(StartExecutionConnector.class);

  private final ExecutionService executions;
  private final NestedExecutionLinks links;
  private final TransactionTemplate transactions;
  private final ChildExecutionResults results;

  StartExecutionConnector(
      ExecutionService executions,
      NestedExecutionLinks links,
      TransactionTemplate transactions,
      ChildExecutionResults results) {
    this.executions = executions;
    this.links = links;
    this.transactions = transactions;
    this.results = results;
  }

  @Override
  public String name() {
    return "states";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    if (resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
        && resource.service().equals("states")
        && resource.action().equals("startExecution")) {
      return EnumSet.allOf(IntegrationPattern.class);
    }
    return Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    IntegrationPattern pattern = task.resource().integrationPattern();
    ExecutionRecord child;
    try {
      child = transactions.execute(tx -> startOnce(task, pattern, callback));
    } catch (StepflowException e) {
      callback.failed(error(e.code()), e.getMessage());
      return;
    } catch (DataIntegrityViolationException e) {
      callback.failed(
          error("ExecutionAlreadyExists"),
          "Expected a child execution of its own for the task, but another task started the"
              + " execution of that name");
      return;
    }
    if (pattern == IntegrationPattern.REQUEST_RESPONSE) {
      callback.succeeded(started(child));
    }
  }

  /** StartExecution's answer: the task's result, or what a waiting task reports as submitted. */
  private static Map<String, Object> started(ExecutionRecord child) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ExecutionArn", child.arn());
    result.put("StartDate", ChildExecutionResults.millis(child.startDate()));
    return result;
  }

  /**
   * Starts the child once. A waiting task reports the child started (TaskSubmitted) in this
   * transaction, so that the report is queued before the end of a child that ends at once.
   */
  private ExecutionRecord startOnce(
      ConnectorTask task, IntegrationPattern pattern, ConnectorCallback callback) {
    var started = links.byParentTask(task.executionArn(), task.taskId());
    if (started.isPresent()) {
      return executions.describe(started.get().childArn()); // the task was sent again
    }
    Map<?, ?> parameters =
        task.parameters() instanceof Map<?, ?> m ? m : Map.of(); // no Parameters: none given
    ExecutionRecord child =
        executions.start(
            text(parameters, "StateMachineArn", true),
            text(parameters, "Name", false),
            input(parameters.get("Input")),
            task.executionArn());
    links.record(
        new NestedExecutionLinks.Link(child.arn(), task.executionArn(), task.taskId(), pattern));
    if (pattern != IntegrationPattern.REQUEST_RESPONSE) {
      callback.submitted(started(child));
    }
    // A start runs the child up to its first wait, so a child of Pass and Choice states has
    // already ended, before the link existed for its end to find: report that end now.
    ExecutionRecord now = executions.describe(child.arn());
    if (!"RUNNING".equals(now.status())) {
      results.ended(now);
    }
    return child;
  }

  private static String text(Map<?, ?> parameters, String field, boolean required) {
    Object value = parameters.get(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw StepflowException.invalid(field, "a string in the Task's Parameters", value);
    }
    return s;
  }

  /** Input as JSON text: a string is taken as the text itself, any other value is written. */
  private static String input(Object value) {
    if (value == null) {
      return "{}";
    }
    return value instanceof String s ? s : Json.write(value);
  }

  /** AWS names the errors of this integration after the API's exceptions. */
  static String error(String code) {
    return "StepFunctions." + (code.endsWith("Exception") ? code : code + "Exception");
  }

  /**
   * The parent's task no longer waits (stopped, timed out, its branch failed): stop a .sync child.
   */
  @Override
  public void cancel(ConnectorTask task) {
    links
        .byParentTask(task.executionArn(), task.taskId())
        .filter(link -> ChildExecutionResults.waitsForTheEnd(link.pattern()))
        .ifPresent(
            link -> {
              try {
                executions.stop(
                    link.childArn(),
                    null,
                    "Stopped because the task of "
                        + link.parentArn()
                        + " that started it no longer waits for it");
              } catch (StepflowException e) {
                log.warn("Could not stop child execution {}: {}", link.childArn(), e.getMessage());
              }
            });
  }
}
