package io.stepflow.connectors;

import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.TaskRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Routes each Task to the connector that serves its Resource, and tells definition validation which
 * resources and patterns are served, so that an unknown one is refused when a state machine is
 * created rather than when it runs.
 */
public final class ConnectorDispatcher implements TaskDispatcher {

  /** The error a Task gets when nothing serves its resource at run time. */
  public static final String NO_CONNECTOR = "States.TaskFailed";

  private final List<Connector> connectors;

  public ConnectorDispatcher(List<Connector> connectors) {
    this.connectors = List.copyOf(connectors);
  }

  /**
   * Why a Task may not use {@code resource}; empty when a connector serves it with its pattern.
   * Activities are served by the orchestrator itself and always pass.
   */
  public Optional<String> problem(String resource) {
    ResourceArn arn;
    try {
      arn = ResourceArn.parse(resource);
    } catch (ConnectorException e) {
      return Optional.of(e.getMessage());
    }
    if (arn.kind() == ResourceArn.Kind.ACTIVITY) {
      return Optional.empty();
    }
    for (Connector connector : connectors) {
      Set<IntegrationPattern> patterns = connector.patterns(arn);
      if (patterns.contains(arn.integrationPattern())) {
        return Optional.empty();
      }
      if (!patterns.isEmpty()) {
        return Optional.of(
            "Expected one of the integration patterns "
                + patterns
                + " that the "
                + connector.name()
                + " connector supports for "
                + arn.service()
                + ":"
                + arn.action()
                + ", but the Resource asks for "
                + arn.integrationPattern());
      }
    }
    return Optional.of(
        "Expected a Resource that a configured connector serves, but none serves " + resource);
  }

  @Override
  public void dispatch(TaskRequest request, TaskOutcomes outcomes) {
    ConnectorTask task;
    Connector connector;
    try {
      task = task(request);
      connector = find(task.resource());
    } catch (ConnectorException e) {
      outcomes.failed(request.executionId(), request.taskId(), NO_CONNECTOR, e.getMessage());
      return;
    }
    if (connector == null) {
      outcomes.failed(
          request.executionId(),
          request.taskId(),
          NO_CONNECTOR,
          "No connector serves the resource " + request.resource());
      return;
    }
    AtomicBoolean reported = new AtomicBoolean();
    AtomicBoolean submitted = new AtomicBoolean();
    boolean waits = task.resource().integrationPattern() != IntegrationPattern.REQUEST_RESPONSE;
    connector.start(
        task,
        new ConnectorCallback() {
          @Override
          public void submitted(Object output) {
            if (waits && !reported.get() && submitted.compareAndSet(false, true)) {
              outcomes.submitted(request.executionId(), request.taskId(), output);
            }
          }

          @Override
          public void heartbeat() {
            if (!reported.get()) {
              outcomes.heartbeat(request.executionId(), request.taskId());
            }
          }

          @Override
          public void succeeded(Object output) {
            if (reported.compareAndSet(false, true)) {
              outcomes.succeeded(request.executionId(), request.taskId(), output);
            }
          }

          @Override
          public void failed(String error, String cause) {
            if (reported.compareAndSet(false, true)) {
              outcomes.failed(request.executionId(), request.taskId(), error, cause);
            }
          }
        });
  }

  @Override
  public void cancel(String executionId, long taskId, String resource) {
    ResourceArn arn = ResourceArn.parse(resource);
    Connector connector = find(arn);
    if (connector != null) {
      connector.cancel(new ConnectorTask(executionId, taskId, arn, null, null, null, null));
    }
  }

  private Connector find(ResourceArn arn) {
    for (Connector connector : connectors) {
      if (connector.patterns(arn).contains(arn.integrationPattern())) {
        return connector;
      }
    }
    return null;
  }

  private static ConnectorTask task(TaskRequest request) {
    return new ConnectorTask(
        request.executionId(),
        request.taskId(),
        ResourceArn.parse(request.resource()),
        request.parameters(),
        request.taskToken(),
        request.timeout(),
        request.heartbeat());
  }
}
