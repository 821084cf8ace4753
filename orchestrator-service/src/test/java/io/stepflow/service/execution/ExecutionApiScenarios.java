package io.stepflow.service.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.engine.Command;
import io.stepflow.service.testsupport.SfnClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/**
 * Executions, activities and task tokens as the AWS SDK for Java sees them. Subclasses choose the
 * database; every test uses names of its own, so they share one service.
 */
// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "stepflow.activities.long-poll=2s")
abstract class ExecutionApiScenarios {

  static final String ROLE = "arn:aws:iam::123456789012:role/stepflow";

  @LocalServerPort int port;
  @Autowired CommandInbox inbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
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
  void shouldRunTheSeedActivityWorkflowWhenItsWorkerAnswers() throws Exception {
    // given the seed's Hello World machine and its activity, under names of this test
    String activity = "get-greeting-" + suffix();
    String activityArn = sfn.createActivity(b -> b.name(activity)).activityArn();
    String definition =
        Files.readString(Path.of("src/test/resources/seed/hello-activity.asl.json"))
            .replace("activity:get-greeting", "activity:" + activity);
    String machine = machine("hello-" + suffix(), definition);

    // when it starts and the seed's worker polls and answers
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"who\":\"world\"}"))
            .executionArn();
    GetActivityTaskResponse task =
        sfn.getActivityTask(b -> b.activityArn(activityArn).workerName("seed-worker"));
    sfn.sendTaskSuccess(
        b -> b.taskToken(task.taskToken()).output("\"Hello from Activity worker!\""));

    // then the execution succeeds with the worker's output, recorded as AWS records it
    DescribeExecutionResponse done = awaitEnd(execution);
    assertThat(task.input()).isEqualTo("{\"who\":\"world\"}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("\"Hello from Activity worker!\"");
    assertThat(types(execution))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "ActivityScheduled",
            "ActivityStarted",
            "ActivitySucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void shouldCompleteATaskOnlyOnceWhenItsTokenIsSentTwice() {
    // given an activity task a worker has taken
    String activityArn = sfn.createActivity(b -> b.name("once-" + suffix())).activityArn();
    String machine = activityMachine("once-" + suffix(), activityArn);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    String token = sfn.getActivityTask(b -> b.activityArn(activityArn)).taskToken();

    // when the result is sent, and then sent again
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("1"));

    // then the second send is refused, and a token changed in one character names no task
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("2")))
        .isInstanceOf(TaskDoesNotExistException.class);
    String changed = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(changed)))
        .isInstanceOf(TaskDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("not-a-token")))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(awaitEnd(execution).output()).isEqualTo("1");
  }

  @Test
  void shouldReturnTheSameExecutionWhenStartedAgainWithTheSameNameAndInput() {
    // given a running execution
    String machine = machine("idem-" + suffix(), waitFor(3600));
    String name = "run-" + suffix();
    String first =
        sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input("{\"a\":1}"))
            .executionArn();

    // when the same name starts again, with the same input and with another
    String again =
        sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input("{ \"a\" : 1 }"))
            .executionArn();

    // then the same input gets the same execution, another input is refused
    assertThat(again).isEqualTo(first);
    assertThatThrownBy(
            () -> sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input("{\"a\":2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    sfn.stopExecution(b -> b.executionArn(first));
  }

  @Test
  void shouldHaveRunAPassAndChoiceMachineToItsEndWhenStartExecutionAnswers() {
    // given a machine of Pass and Choice states only: nothing in it waits
    String machine =
        machine(
            "inline-" + suffix(),
            """
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Parameters":{"n.$":"$.n"},"Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,\
            "Next":"Big"}],"Default":"Small"},
              "Big":{"Type":"Succeed"},
              "Small":{"Type":"Fail","Error":"TooSmall"}}}
            """);

    // when it starts
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":2}")).executionArn();

    // then the start's own transaction ran it to the end: no worker had to pick it up
    DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"n\":2}");
    assertThat(types(execution)).first().isEqualTo("ExecutionStarted");
    assertThat(types(execution)).last().isEqualTo("ExecutionSucceeded");
  }

  @Test
  void shouldApplyACommandThatArrivedBeforeItsExecutionOnceTheExecutionExists() {
    // given a stop queued for an execution that no transaction shows yet
    String machineName = "early-" + suffix();
    String machine = machine(machineName, waitFor(3600));
    String name = "run-" + suffix();
    String arn = machine.replace(":stateMachine:", ":execution:") + ":" + name;
    transactions.executeWithoutResult(
        tx ->
            inbox.enqueue(arn, new Command.StopExecution("Early", "queued first"), Instant.now()));

    // when a worker has met it and the execution then starts
    awaitPostponed(arn);
    sfn.startExecution(b -> b.stateMachineArn(machine).name(name));

    // then the stop was kept, not dropped, and applies to the execution
    DescribeExecutionResponse done = awaitEnd(arn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(done.error()).isEqualTo("Early");
  }

  @Test
  void shouldApplyAnExecutionsCommandsInOrderWhenAnotherWorkerHoldsTheOlderOne() throws Exception {
    // given an execution waiting for its activity task (event 3), and two results for that task
    // queued due in a second: a failure first, then a success
    String activityArn = sfn.createActivity(b -> b.name("order-" + suffix())).activityArn();
    String machine = activityMachine("order-" + suffix(), activityArn);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    Instant due = Instant.now().plusSeconds(1);
    transactions.executeWithoutResult(
        tx -> {
          inbox.enqueue(execution, new Command.FailTask(3, "Order.First", "queued first"), due);
          inbox.enqueue(execution, new Command.SucceedTask(3, "second"), due);
        });
    long older =
        jdbc.sql("SELECT MIN(id) FROM execution_command WHERE execution_arn = ?")
            .param(execution)
            .query(Long.class)
            .single();

    // when another transaction holds the older one past its due time, as a worker that claimed it
    // and waits for the execution's lock does, while the other workers find the newer one
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    tx -> {
                      jdbc.sql("SELECT id FROM execution_command WHERE id = ? FOR UPDATE")
                          .param(older)
                          .query(Long.class)
                          .single();
                      pause(Duration.ofMillis(2500));
                    }));

    // then the older command applied first: the task failed, and the late success was ignored
    holder.get();
    DescribeExecutionResponse done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("Order.First");
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits, at most 15 s, until a worker has postponed the execution's queued commands. */
  private void awaitPostponed(String executionArn) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      Boolean postponed =
          jdbc.sql(
                  "SELECT COUNT(*) > 0 FROM execution_command WHERE execution_arn = ?"
                      + " AND available_at > created_at")
              .param(executionArn)
              .query(Boolean.class)
              .single();
      if (postponed) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("Expected a worker to postpone the commands of " + executionArn);
  }

  @Test
  void shouldAbortARunningExecutionWhenStopped() {
    // given an execution waiting an hour
    String machine = machine("stop-" + suffix(), waitFor(3600));
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();

    // when an operator stops it
    sfn.stopExecution(b -> b.executionArn(execution).error("Operator").cause("maintenance"));

    // then it ends ABORTED with the operator's error, its history closed by ExecutionAborted
    DescribeExecutionResponse done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(done.error()).isEqualTo("Operator");
    assertThat(types(execution)).last().isEqualTo("ExecutionAborted");
  }

  @Test
  void shouldPageTheHistoryNewestFirstWhenAskedInReverseOrder() {
    // given a finished execution of three Pass states (8 events)
    String machine =
        machine(
            "pages-" + suffix(),
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
                + "\"B\":{\"Type\":\"Pass\",\"Next\":\"C\"},\"C\":{\"Type\":\"Pass\",\"End\":true}}}");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    awaitEnd(execution);

    // when the history is read three events at a time, newest first
    var first =
        sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(3).reverseOrder(true));
    var second =
        sfn.getExecutionHistory(
            b ->
                b.executionArn(execution)
                    .maxResults(3)
                    .reverseOrder(true)
                    .nextToken(first.nextToken()));

    // then the pages follow each other with ids counting down from 8
    assertThat(first.events()).extracting(HistoryEvent::id).containsExactly(8L, 7L, 6L);
    assertThat(second.events()).extracting(HistoryEvent::id).containsExactly(5L, 4L, 3L);
    assertThat(first.events().get(0).executionSucceededEventDetails().output()).isEqualTo("{}");
  }

  @Test
  void shouldAnswerStartSyncExecutionWithTheOutputOfAnExpressMachine() {
    // given an EXPRESS machine that waits a second and shapes its input
    String machine =
        sfn.createStateMachine(
                b ->
                    b.name("express-" + suffix())
                        .type(software.amazon.awssdk.services.sfn.model.StateMachineType.EXPRESS)
                        .roleArn(ROLE)
                        .definition(
                            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,"
                                + "\"Next\":\"P\"},\"P\":{\"Type\":\"Pass\",\"Parameters\":"
                                + "{\"greeting.$\":\"States.Format('hi {}', $.who)\"},\"End\":true}}}"))
            .stateMachineArn();

    // when it is started synchronously
    try (SfnClient sync = SfnClients.localSync(port)) {
      var done =
          sync.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"who\":\"ann\"}"));

      // then the answer carries the outcome
      assertThat(done.statusAsString()).isEqualTo("SUCCEEDED");
      assertThat(done.output()).isEqualTo("{\"greeting\":\"hi ann\"}");
    }
  }

  @Test
  void shouldRefuseStartSyncExecutionOfAStandardMachine() {
    String machine = machine("standard-" + suffix(), waitFor(1));
    try (SfnClient sync = SfnClients.localSync(port)) {
      assertThatThrownBy(() -> sync.startSyncExecution(b -> b.stateMachineArn(machine)))
          .isInstanceOf(
              software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException
                  .class);
    }
  }

  @Test
  void shouldRunAFailedExecutionAgainFromItsFailedStateWhenRedriven() {
    // given an execution that failed at its activity task
    String activityArn = sfn.createActivity(b -> b.name("redrive-" + suffix())).activityArn();
    String machine =
        machine(
            "redrive-" + suffix(),
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"T\"},"
                + "\"T\":{\"Type\":\"Task\",\"Resource\":\""
                + activityArn
                + "\",\"End\":true}}}");
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    String first = sfn.getActivityTask(b -> b.activityArn(activityArn)).taskToken();
    sfn.sendTaskFailure(b -> b.taskToken(first).error("Flaky").cause("first try"));
    assertThat(awaitEnd(execution).redriveStatusAsString()).isEqualTo("REDRIVABLE");

    // when it is redriven and the worker succeeds this time
    sfn.redriveExecution(b -> b.executionArn(execution));
    String second = sfn.getActivityTask(b -> b.activityArn(activityArn)).taskToken();
    sfn.sendTaskSuccess(b -> b.taskToken(second).output("\"ok\""));

    // then it succeeds, counted as redriven once, without running the Pass state again
    DescribeExecutionResponse done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.redriveCount()).isEqualTo(1);
    assertThat(types(execution)).containsOnlyOnce("PassStateEntered").contains("ExecutionRedriven");
  }

  @Test
  void shouldRefuseInputThatIsNotJson() {
    String machine = machine("input-" + suffix(), waitFor(1));
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{oops")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageContaining("Expected input to be JSON text");
  }

  @Test
  void shouldAnswerWithNoTaskWhenNoneArrivesDuringTheLongPoll() {
    // given an activity with nothing queued
    String activityArn = sfn.createActivity(b -> b.name("idle-" + suffix())).activityArn();

    // when a worker polls
    Instant start = Instant.now();
    GetActivityTaskResponse none = sfn.getActivityTask(b -> b.activityArn(activityArn));

    // then it is told, after the long poll (2 s here), that there is no task
    assertThat(none.taskToken()).isNull();
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldHandTheTaskToAWorkerThatIsAlreadyWaiting() throws Exception {
    // given a worker already polling an activity
    String activityArn = sfn.createActivity(b -> b.name("waiting-" + suffix())).activityArn();
    CompletableFuture<GetActivityTaskResponse> poll =
        CompletableFuture.supplyAsync(() -> sfn.getActivityTask(b -> b.activityArn(activityArn)));
    String machine = activityMachine("wake-" + suffix(), activityArn);

    // when an execution reaches the activity
    sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}"));

    // then the waiting poll returns the task
    assertThat(poll.get().input()).isEqualTo("{\"n\":1}");
  }

  @Test
  void shouldCountExecutionsTransitionsAndWaitingWorkInThePrometheusMetrics() throws Exception {
    // given an execution of two Pass states that has finished
    String machine =
        machine(
            "metrics-" + suffix(),
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
                + "\"B\":{\"Type\":\"Pass\",\"End\":true}}}");
    awaitEnd(sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn());

    // when Prometheus scrapes the service
    var http = java.net.http.HttpClient.newHttpClient();
    String scrape =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();

    // then the execution meters are there
    assertThat(scrape)
        .contains("stepflow_executions_started_total")
        .contains("stepflow_executions_finished_total{status=\"SUCCEEDED\"}")
        .contains("stepflow_state_transitions_total")
        .contains("stepflow_work_waiting{kind=\"command\"}");
  }

  /** A machine of one Task on the activity. */
  String activityMachine(String name, String activityArn) {
    return machine(
        name,
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
            + activityArn
            + "\",\"End\":true}}}");
  }

  String machine(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  static String waitFor(int seconds) {
    return "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":"
        + seconds
        + ",\"End\":true}}}";
  }

  /** Polls the service (a real one, on its own threads) until the execution ends, at most 15 s. */
  DescribeExecutionResponse awaitEnd(String execution) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return d;
      }
    }
  }

  List<String> types(String execution) {
    return sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
        .map(HistoryEvent::typeAsString)
        .toList();
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
