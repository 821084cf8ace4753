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
    public void submitted(String executionId, long taskId, Object output) {
      outcomes.add(new Outcome("submitted", output));
    }

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

  /** Serves submit:run with every pattern, reporting what a test scripts. */
  static final class Scripted implements Connector {
    java.util.function.Consumer<ConnectorCallback> script = callback -> {};

    @Override
    public String name() {
      return "submit";
    }

    @Override
    public Set<IntegrationPattern> patterns(ResourceArn resource) {
      return resource.service().equals("submit")
          ? java.util.EnumSet.allOf(IntegrationPattern.class)
          : Set.of();
    }

    @Override
    public void start(ConnectorTask task, ConnectorCallback callback) {
      script.accept(callback);
    }
  }

  @Test
  void shouldPassOneSubmittedOnBeforeTheOutcomeWhenTheTaskWaits() {
    // given a connector that reports submitted twice, then succeeds, then submitted again
    Scripted connector = new Scripted();
    connector.script =
        callback -> {
          callback.submitted(Map.of("MessageId", "m-1"));
          callback.submitted(Map.of("MessageId", "m-2"));
          callback.succeeded(Map.of("done", true));
          callback.submitted(Map.of("MessageId", "m-3"));
        };
    Recorder recorder = new Recorder();

    // when a .waitForTaskToken task is dispatched to it
    new ConnectorDispatcher(List.of(connector))
        .dispatch(request("arn:aws:states:::submit:run.waitForTaskToken", Map.of()), recorder);

    // then the first submitted and the outcome pass, in that order, and nothing else
    assertThat(recorder.outcomes)
        .containsExactly(
            new Outcome("submitted", Map.of("MessageId", "m-1")),
            new Outcome("succeeded", Map.of("done", true)));
  }

  @Test
  void shouldDropSubmittedWhenTheTaskIsRequestResponse() {
    // given a connector that reports submitted before its result
    Scripted connector = new Scripted();
    connector.script =
        callback -> {
          callback.submitted(Map.of("MessageId", "m-1"));
          callback.succeeded(Map.of("MessageId", "m-1"));
        };
    Recorder recorder = new Recorder();

    // when a request-response task is dispatched to it
    new ConnectorDispatcher(List.of(connector))
        .dispatch(request("arn:aws:states:::submit:run", Map.of()), recorder);

    // then only the outcome passes: AWS records no TaskSubmitted for request-response
    assertThat(recorder.outcomes)
        .containsExactly(new Outcome("succeeded", Map.of("MessageId", "m-1")));
  }

  private static TaskRequest request(String resource, Object parameters) {
    return new TaskRequest("arn:execution", 7, resource, parameters, null, null, null);
  }
}
