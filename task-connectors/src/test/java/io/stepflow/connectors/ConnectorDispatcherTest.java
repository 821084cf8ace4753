package io.stepflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.TaskRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorDispatcherTest {

  /** Serves echo:run, request-response only, answering twice to show only one answer counts. */
  static final class Echo implements Connector {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public Set<IntegrationPattern> patterns(ResourceArn resource) {
      return resource.service().equals("echo")
          ? Set.of(IntegrationPattern.REQUEST_RESPONSE)
          : Set.of();
    }

    @Override
    public void start(ConnectorTask task, ConnectorCallback callback) {
      callback.succeeded(task.parameters());
      callback.failed("Late", "a second report");
    }
  }

  record Outcome(String kind, Object value) {}

  static final class Recorder implements TaskDispatcher.TaskOutcomes {
    final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public void succeeded(String executionId, long taskId, Object output) {
      outcomes.add(new Outcome("succeeded", output));
    }

    @Override
    public void failed(String executionId, long taskId, String error, String cause) {
      outcomes.add(new Outcome(error, cause));
    }
  }

  private final ConnectorDispatcher dispatcher = new ConnectorDispatcher(List.of(new Echo()));

  @Test
  void shouldRouteATaskToTheConnectorThatServesItsResourceAndCountOneReport() {
    // given a task on a served resource
    Recorder recorder = new Recorder();

    // when it is dispatched
    dispatcher.dispatch(request("arn:aws:states:::echo:run", Map.of("a", 1)), recorder);

    // then the connector's first report is the task's only outcome
    assertThat(recorder.outcomes).containsExactly(new Outcome("succeeded", Map.of("a", 1)));
  }

  @Test
  void shouldFailATaskWhoseResourceNoConnectorServes() {
    Recorder recorder = new Recorder();
    dispatcher.dispatch(request("arn:aws:states:::nowhere:run", Map.of()), recorder);
    assertThat(recorder.outcomes)
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo("States.TaskFailed"));
  }

  @Test
  void shouldNameTheProblemOfAnUnservedResourceOrPatternForValidation() {
    assertThat(dispatcher.problem("arn:aws:states:::echo:run")).isEmpty();
    assertThat(dispatcher.problem("arn:aws:states:us-east-1:123456789012:activity:work")).isEmpty();
    assertThat(dispatcher.problem("arn:aws:states:::echo:run.waitForTaskToken"))
        .hasValueSatisfying(p -> assertThat(p).contains("REQUEST_RESPONSE").contains("echo"));
    assertThat(dispatcher.problem("arn:aws:states:::nowhere:run"))
        .hasValueSatisfying(p -> assertThat(p).contains("none serves"));
    assertThat(dispatcher.problem("not an arn")).isPresent();
  }

  private static TaskRequest request(String resource, Object parameters) {
    return new TaskRequest("arn:execution", 7, resource, parameters, null, null, null);
  }
}
