package io.stepflow.service.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepflow.asl.json.Json;
import io.stepflow.service.testsupport.SfnClients;
import io.stepflow.service.testsupport.SfnExecutions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** A job:run.sync Task runs through the AWS-compatible API against a local job API. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobConnectorIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";

  static HttpServer api;
  static final AtomicInteger polls = new AtomicInteger();

  /** The slow job runs this long: more than twice the Task's HeartbeatSeconds. */
  static final long SLOW_JOB_NANOS = 4_500_000_000L;

  static volatile long slowJobSubmitted;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-job-connector");
    registry.add("stepflow.data-dir", dataDir::toString);
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    api.createContext(
        "/jobs",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 202, "{\"id\":\"42\"}");
          } else {
            String status = polls.incrementAndGet() < 3 ? "RUNNING" : "SUCCEEDED";
            String path = exchange.getRequestURI().getPath();
            answer(
                exchange,
                200,
                "{\"path\":\"" + path + "\",\"status\":\"" + status + "\",\"rows\":3}");
          }
        });
    api.createContext(
        "/slow-jobs",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (exchange.getRequestMethod().equals("POST")) {
            slowJobSubmitted = System.nanoTime();
            answer(exchange, 202, "{\"id\":\"slow\"}");
          } else {
            boolean done = System.nanoTime() - slowJobSubmitted > SLOW_JOB_NANOS;
            answer(exchange, 200, "{\"status\":\"" + (done ? "SUCCEEDED" : "RUNNING") + "\"}");
          }
        });
    api.start();
    registry.add("stepflow.connectors.job.allowed-hosts", () -> "127.0.0.1");
    registry.add("stepflow.connectors.job.poll-unit", () -> "10ms");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterAll
  static void stopApi() {
    if (api != null) {
      api.stop(0);
    }
  }

  @Test
  void shouldSucceedWithTheFinalJobStatusAndRecordTheTaskEvents() {
    // given a machine whose one Task submits a job and polls it until it SUCCEEDED
    String base = "http://127.0.0.1:" + api.getAddress().getPort();
    String definition =
        """
        {"StartAt": "Run", "States": {"Run": {"Type": "Task",
          "Resource": "arn:aws:states:::job:run.sync",
          "Parameters": {
            "Submit": {"ApiEndpoint": "%1$s/jobs", "RequestBody": {"file.$": "$.file"}},
            "JobIdPath": "$.id",
            "Status": {"ApiEndpoint": "%1$s/jobs/{jobId}"},
            "Poll": {"IntervalSeconds": 1},
            "SuccessCondition": "$[?(@.status == 'SUCCEEDED')]",
            "FailureCondition": "$[?(@.status == 'FAILED')]"},
          "End": true}}}
        """
            .formatted(base);

    try (SfnClient sfn = SfnClients.local(port)) {
      String machine =
          sfn.createStateMachine(b -> b.name("job").roleArn(ROLE).definition(definition))
              .stateMachineArn();

      // when it runs
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"file\":\"a.csv\"}"))
              .executionArn();
      DescribeExecutionResponse done = SfnExecutions.awaitEnd(sfn, execution);

      // then its output is the final status answer, and the history shows the task submitted
      // (the submit answer) before it succeeded
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.output()))
          .isEqualTo(Json.parse("{\"path\":\"/jobs/42\",\"status\":\"SUCCEEDED\",\"rows\":3}"));
      List<String> types =
          sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .map(HistoryEvent::typeAsString)
              .toList();
      assertThat(types)
          .containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
      assertThat(polls.get()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void shouldKeepALongJobAliveWhileItsStatusAnswersRunningWhenTheTaskHasHeartbeatSeconds() {
    // given a job that runs 4.5 s, polled every 200 ms, by a Task with HeartbeatSeconds 2
    String base = "http://127.0.0.1:" + api.getAddress().getPort();
    String definition =
        """
        {"StartAt": "Run", "States": {"Run": {"Type": "Task",
          "Resource": "arn:aws:states:::job:run.sync", "HeartbeatSeconds": 2,
          "Parameters": {
            "Submit": {"ApiEndpoint": "%1$s/slow-jobs"},
            "JobIdPath": "$.id",
            "Status": {"ApiEndpoint": "%1$s/slow-jobs/{jobId}"},
            "Poll": {"IntervalSeconds": 20, "BackoffRate": 1.0},
            "SuccessCondition": "$[?(@.status == 'SUCCEEDED')]"},
          "End": true}}}
        """
            .formatted(base);

    try (SfnClient sfn = SfnClients.local(port)) {
      String machine =
          sfn.createStateMachine(b -> b.name("slow-job").roleArn(ROLE).definition(definition))
              .stateMachineArn();

      // when it runs
      String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
      DescribeExecutionResponse done = SfnExecutions.awaitEnd(sfn, execution);

      // then every poll that found it running was a heartbeat: no States.HeartbeatTimeout
      assertThat(done.error()).isNull();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
