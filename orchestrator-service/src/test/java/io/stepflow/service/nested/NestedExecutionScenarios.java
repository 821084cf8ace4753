package io.stepflow.service.nested;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.service.testsupport.SfnClients;
import io.stepflow.service.testsupport.SfnExecutions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskSubmittedEventDetails;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nested executions ({@code arn:aws:states:::states:startExecution}) as the AWS SDK for Java sees
 * them. Subclasses choose the database; every test uses names of its own, so they share one
 * service.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "stepflow.activities.long-poll=2s")
abstract class NestedExecutionScenarios {

  static final String ROLE = "arn:aws:iam::123456789012:role/stepflow";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired StartExecutionConnector connector;
  SfnClient sfn;

  @BeforeEach
  void client() {
    sfn = SfnClients.local(port);
  }

  @AfterEach
  void close() {
    sfn.close();
  }

  @Test
  void shouldAnswerWithTheChildsArnAndStartDateWhenTheParentDoesNotWait() throws Exception {
    // given a child that passes, and a parent that starts it and names itself in its input
    String child = machine("child-rr-" + suffix(), PASS);
    String parent =
        machine(
            "parent-rr-" + suffix(),
            parentDefinition(
                "arn:aws:states:::states:startExecution",
                child,
                "{\"n\":1,\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\":\"$$.Execution.Id\"}",
                ""));

    // when the parent runs
    String execution = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = awaitEnd(execution);

    // then its task got the child's ARN and start date, and not the child's output
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(done.output());
    String childArn = output.path("ExecutionArn").asString();
    assertThat(childArn).isEqualTo(onlyExecutionOf(child).executionArn());
    assertThat(output.path("StartDate").isNumber()).isTrue();
    assertThat(output.has("Output")).isFalse();

    // and the link is visible both ways: the AWS API shows the parent in the child's input, by
    // AWS's convention, and the REST API names the parent of the child
    JsonNode childInput = JSON.readTree(awaitEnd(childArn).input());
    assertThat(childInput.path("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asString())
        .isEqualTo(execution);
    assertThat(childInput.path("n").asInt()).isEqualTo(1);
    assertThat(restExecution(childArn).path("parentExecutionArn").asString()).isEqualTo(execution);
    assertThat(restExecution(execution).has("parentExecutionArn")).isFalse();
    JsonNode children = rest("/api/v1/executions/" + encode(execution) + "/children");
    assertThat(children).hasSize(1);
    assertThat(children.get(0).path("executionArn").asString()).isEqualTo(childArn);
    assertThat(children.get(0).path("integrationPattern").asString()).isEqualTo("REQUEST_RESPONSE");
  }

  @Test
  void shouldGiveTheParentTheChildsOutputAsJsonTextWhenItWaitsWithSync() throws Exception {
    // given a child whose output is {"greeting":"hi"}, started with .sync
    String child = machine("child-sync-" + suffix(), PASS);
    String parent =
        machine(
            "parent-sync-" + suffix(),
            parentDefinition("arn:aws:states:::states:startExecution.sync", child, "{}", ""));

    // when the parent runs
    DescribeExecutionResponse done =
        awaitEnd(sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn());

    // then its task's result is the child's description, the output as JSON text
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(done.output());
    assertThat(output.path("Status").asString()).isEqualTo("SUCCEEDED");
    assertThat(output.path("ExecutionArn").asString())
        .isEqualTo(onlyExecutionOf(child).executionArn());
    assertThat(output.path("StateMachineArn").asString()).isEqualTo(child);
    assertThat(output.path("Output").isString()).isTrue();
    assertThat(JSON.readTree(output.path("Output").asString()).path("greeting").asString())
        .isEqualTo("hi");
    assertThat(output.path("Input").asString()).isEqualTo("{}");
    assertThat(output.path("StopDate").isNumber()).isTrue();
  }

  @Test
  void shouldRecordTheChildsStartAsTaskSubmittedBeforeItsEndWhenTheParentWaitsWithSync()
      throws Exception {
    // given a child that ends as soon as it starts, started with .sync
    String child = machine("child-submitted-" + suffix(), PASS);
    String parent =
        machine(
            "parent-submitted-" + suffix(),
            parentDefinition("arn:aws:states:::states:startExecution.sync", child, "{}", ""));

    // when the parent runs
    String execution = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // then its history shows the child started (TaskSubmitted) before the child's end
    TaskSubmittedEventDetails submitted =
        SfnExecutions.assertSubmittedBeforeSucceeded(
            sfn.getExecutionHistory(b -> b.executionArn(execution)).events());
    assertThat(submitted.resourceType()).isEqualTo("states");
    assertThat(submitted.resource()).isEqualTo("startExecution.sync");
    JsonNode started = JSON.readTree(submitted.output());
    assertThat(started.path("ExecutionArn").asString())
        .isEqualTo(onlyExecutionOf(child).executionArn());
    assertThat(started.path("StartDate").isNumber()).isTrue();
  }

  @Test
  void shouldGiveTheParentTheChildsOutputAsJsonWhenItWaitsWithSync2() throws Exception {
    // given a child whose output is {"greeting":"hi"}, started with .sync:2
    String child = machine("child-sync2-" + suffix(), PASS);
    String parent =
        machine(
            "parent-sync2-" + suffix(),
            parentDefinition("arn:aws:states:::states:startExecution.sync:2", child, "{}", ""));

    // when the parent runs
    DescribeExecutionResponse done =
        awaitEnd(sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn());

    // then the child's output is a JSON value in its description
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(done.output());
    assertThat(output.path("Status").asString()).isEqualTo("SUCCEEDED");
    assertThat(output.path("Output").path("greeting").asString()).isEqualTo("hi");
  }

  @Test
  void shouldFailTheParentsTaskCatchablyWhenTheChildFails() throws Exception {
    // given a child that fails, started with .sync by a Task that catches States.TaskFailed
    String child =
        machine(
            "child-fail-" + suffix(),
            "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Child.Broke\","
                + "\"Cause\":\"boom\"}}}");
    String parent =
        machine(
            "parent-fail-" + suffix(),
            parentDefinition(
                "arn:aws:states:::states:startExecution.sync",
                child,
                "{}",
                ",\"Catch\":[{\"ErrorEquals\":[\"States.TaskFailed\"],"
                    + "\"ResultPath\":\"$.failure\",\"Next\":\"Caught\"}]"));

    // when the parent runs
    DescribeExecutionResponse done =
        awaitEnd(sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn());

    // then the Catch took States.TaskFailed, its cause the failed child's description
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode failure = JSON.readTree(done.output()).path("failure");
    assertThat(failure.path("Error").asString()).isEqualTo("States.TaskFailed");
    JsonNode cause = JSON.readTree(failure.path("Cause").asString());
    assertThat(cause.path("Status").asString()).isEqualTo("FAILED");
    assertThat(cause.path("Error").asString()).isEqualTo("Child.Broke");
    assertThat(cause.path("Cause").asString()).isEqualTo("boom");
    assertThat(cause.path("ExecutionArn").asString())
        .isEqualTo(onlyExecutionOf(child).executionArn());
  }

  @Test
  void shouldCompleteTheParentsTaskWhenTheChildsWorkerSendsTheTokenBack() throws Exception {
    // given a child whose activity gets the parent's task token, started with .waitForTaskToken
    String activity = sfn.createActivity(b -> b.name("approve-" + suffix())).activityArn();
    String child =
        machine(
            "child-token-" + suffix(),
            "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\",\"Resource\":\""
                + activity
                + "\",\"End\":true}}}");
    String parent =
        machine(
            "parent-token-" + suffix(),
            parentDefinition(
                "arn:aws:states:::states:startExecution.waitForTaskToken",
                child,
                "{\"parentToken.$\":\"$$.Task.Token\"}",
                ""));

    // when the parent runs, and the child's worker answers both the parent and its own task
    String execution = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    GetActivityTaskResponse task = awaitActivityTask(activity);
    String parentToken = JSON.readTree(task.input()).path("parentToken").asString();
    sfn.sendTaskSuccess(b -> b.taskToken(parentToken).output("{\"approved\":true}"));
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}"));

    // then the parent's task completed with what was sent with its token
    DescribeExecutionResponse done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()).path("approved").asBoolean()).isTrue();
    // and its history shows the child's start as TaskSubmitted before the task's success
    assertThat(
            sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .map(HistoryEvent::typeAsString))
        .containsSubsequence("TaskStarted", "TaskSubmitted", "TaskSucceeded");
    assertThat(awaitEnd(onlyExecutionOf(child).executionArn()).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldAbortTheChildWhenTheParentWaitingForItIsStopped() throws Exception {
    // given a parent waiting with .sync for a child that waits a minute
    String child =
        machine(
            "child-stop-" + suffix(),
            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,"
                + "\"End\":true}}}");
    String parent =
        machine(
            "parent-stop-" + suffix(),
            parentDefinition("arn:aws:states:::states:startExecution.sync", child, "{}", ""));
    String execution = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    String childArn = awaitExecutionOf(child).executionArn();

    // when the parent is stopped
    sfn.stopExecution(b -> b.executionArn(execution).cause("no longer wanted"));

    // then the child is aborted too
    assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(awaitEnd(childArn).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void shouldStartOneChildWhenTheOutboxSendsTheSameTaskTwice() {
    // given a parent's request-response task, as the outbox hands it to the connector
    String child = machine("child-twice-" + suffix(), PASS);
    ConnectorTask task =
        new ConnectorTask(
            "arn:aws:states:us-east-1:123456789012:execution:parent-twice:" + suffix(),
            7,
            ResourceArn.parse("arn:aws:states:::states:startExecution"),
            Map.of("StateMachineArn", child, "Input", Map.of("n", 1)),
            null,
            null,
            null);
    List<Object> results = new ArrayList<>();
    ConnectorCallback callback =
        new ConnectorCallback() {
          @Override
          public void submitted(Object output) {
            results.add("submitted " + output);
          }

          @Override
          public void succeeded(Object output) {
            results.add(output);
          }

          @Override
          public void failed(String error, String cause) {
            results.add(error + ": " + cause);
          }
        };

    // when it is sent twice (an instance died between sending and deleting the entry)
    connector.start(task, callback);
    connector.start(task, callback);

    // then one child was started, and both answers name it
    String childArn = onlyExecutionOf(child).executionArn();
    assertThat(results)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).asString().contains("ExecutionArn=" + childArn));
  }

  @Test
  void shouldFailTheTaskWithAwsErrorNameWhenTheChildsMachineDoesNotExist() throws Exception {
    // given a parent whose task starts a machine that does not exist, and catches every error
    String parent =
        machine(
            "parent-missing-" + suffix(),
            parentDefinition(
                "arn:aws:states:::states:startExecution.sync",
                "arn:aws:states:us-east-1:123456789012:stateMachine:missing-" + suffix(),
                "{}",
                ",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],"
                    + "\"ResultPath\":\"$.failure\",\"Next\":\"Caught\"}]"));

    // when the parent runs
    DescribeExecutionResponse done =
        awaitEnd(sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn());

    // then the task failed as AWS names StartExecution's exception
    assertThat(JSON.readTree(done.output()).path("failure").path("Error").asString())
        .isEqualTo("StepFunctions.StateMachineDoesNotExistException");
  }

  static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
          + "\"Result\":{\"greeting\":\"hi\"},\"End\":true}}}";

  /** A parent whose one Task starts {@code child} with {@code input}; Caught ends a Catch. */
  static String parentDefinition(String resource, String child, String input, String extra) {
    return "{\"StartAt\":\"Start\",\"States\":{\"Start\":{\"Type\":\"Task\",\"Resource\":\""
        + resource
        + "\",\"Parameters\":{\"StateMachineArn\":\""
        + child
        + "\",\"Input\":"
        + input
        + "},\"End\":true"
        + extra
        + "},\"Caught\":{\"Type\":\"Pass\",\"End\":true}}}";
  }

  String machine(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  ExecutionListItem onlyExecutionOf(String machine) {
    List<ExecutionListItem> items =
        sfn.listExecutions(b -> b.stateMachineArn(machine)).executions();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  /** Polls until the machine has an execution, at most 15 s. */
  ExecutionListItem awaitExecutionOf(String machine) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (true) {
      List<ExecutionListItem> items =
          sfn.listExecutions(b -> b.stateMachineArn(machine)).executions();
      if (!items.isEmpty()) {
        return items.get(0);
      }
      assertThat(Instant.now()).as("an execution of %s within 15 s", machine).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  /** Long-polls the activity until a task comes, at most 15 s. */
  GetActivityTaskResponse awaitActivityTask(String activity) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (true) {
      GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity));
      if (task.taskToken() != null) {
        return task;
      }
      assertThat(Instant.now()).as("a task of %s within 15 s", activity).isBefore(deadline);
    }
  }

  /** Polls the service (a real one, on its own threads) until the execution ends, at most 15 s. */
  DescribeExecutionResponse awaitEnd(String execution) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      Thread.sleep(20);
    }
  }

  JsonNode restExecution(String arn) throws Exception {
    return rest("/api/v1/executions/" + encode(arn));
  }

  JsonNode rest(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      return JSON.readTree(response.body());
    }
  }

  static String encode(String arn) {
    return URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
