package io.stepflow.service.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stepflow.asl.json.Json;
import io.stepflow.service.testsupport.SfnClients;
import io.stepflow.service.testsupport.SfnExecutions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/** http:invoke and Lambda Tasks run through the AWS-compatible API against a local server. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorsIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";
  private static final String SECRET = "key-that-must-not-be-recorded";

  static HttpServer api;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-connectors");
    registry.add("stepflow.data-dir", dataDir::toString);
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    api.createContext(
        "/orders",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean keyed = SECRET.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
          answer(exchange, keyed ? 200 : 401, "{\"accepted\":" + body + "}");
        });
    api.createContext(
        "/add",
        exchange -> {
          Map<?, ?> in =
              (Map<?, ?>)
                  Json.parse(
                      new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int sum = ((Number) in.get("a")).intValue() + ((Number) in.get("b")).intValue();
          answer(exchange, 200, "{\"sum\":" + sum + "}");
        });
    api.start();
    String base = "http://127.0.0.1:" + api.getAddress().getPort();
    registry.add("stepflow.connectors.http.allowed-hosts", () -> "127.0.0.1");
    registry.add("stepflow.connectors.http.connections.orders-api.type", () -> "API_KEY");
    registry.add("stepflow.connectors.http.connections.orders-api.api-key-name", () -> "X-Api-Key");
    registry.add("stepflow.connectors.http.connections.orders-api.api-key-value", () -> SECRET);
    registry.add("stepflow.connectors.lambda.functions.Add", () -> base + "/add");
    registry.add("test.api", () -> base);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
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

  private static String base() {
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  @Test
  void shouldRunHttpInvokeAndLambdaTasksAndRecordTheirEvents() {
    // given a machine that calls an API through a keyed connection, then Add bare and wrapped
    String definition =
        """
        {"StartAt": "Order", "States": {
          "Order": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
            "Parameters": {"ApiEndpoint": "%s/orders", "Method": "POST",
              "Authentication": {"ConnectionArn":
                "arn:aws:events:us-east-1:123456789012:connection/orders-api/1a2b"},
              "RequestBody": {"item.$": "$.item"}},
            "ResultSelector": {"status.$": "$.StatusCode", "body.$": "$.ResponseBody"},
            "ResultPath": "$.order", "Next": "Add"},
          "Add": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add",
            "Parameters": {"a.$": "$.a", "b.$": "$.b"}, "ResultPath": "$.bare", "Next": "Invoke"},
          "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "Add", "Payload": {"a": 10, "b.$": "$.b"}},
            "ResultSelector": {"sum.$": "$.Payload.sum", "code.$": "$.StatusCode"},
            "ResultPath": "$.wrapped", "End": true}}}
        """
            .formatted(base());

    try (SfnClient sfn = SfnClients.local(port)) {
      String machine =
          sfn.createStateMachine(b -> b.name("connectors").roleArn(ROLE).definition(definition))
              .stateMachineArn();

      // when it runs
      String execution =
          sfn.startExecution(
                  b -> b.stateMachineArn(machine).input("{\"item\":\"book\",\"a\":2,\"b\":3}"))
              .executionArn();
      DescribeExecutionResponse done = SfnExecutions.awaitEnd(sfn, execution);

      // then the output holds each task's result, and the history names each task's family
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.output()))
          .isEqualTo(
              Json.parse(
                  """
                  {"item":"book","a":2,"b":3,
                   "order":{"status":200,"body":{"accepted":{"item":"book"}}},
                   "bare":{"sum":5},
                   "wrapped":{"sum":13,"code":200}}
                  """));
      List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      List<String> types = events.stream().map(HistoryEvent::typeAsString).toList();
      assertThat(types)
          .containsSubsequence(
              "TaskScheduled",
              "TaskSucceeded",
              "LambdaFunctionScheduled",
              "LambdaFunctionSucceeded",
              "TaskScheduled",
              "TaskSucceeded");
      assertThat(events.toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void shouldFailAnHttpTaskToAHostOutsideTheAllowList() {
    // given a machine that calls a host the allow-list (127.0.0.1 only) does not name
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::http:invoke",
          "Parameters": {"ApiEndpoint": "http://localhost:%d/orders", "Method": "GET"},
          "End": true}}}
        """
            .formatted(api.getAddress().getPort());
    try (SfnClient sfn = SfnClients.local(port)) {
      String machine =
          sfn.createStateMachine(b -> b.name("egress").roleArn(ROLE).definition(definition))
              .stateMachineArn();

      // when it runs
      String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
      DescribeExecutionResponse done = SfnExecutions.awaitEnd(sfn, execution);

      // then it fails with States.Permissions naming the host
      assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(done.error()).isEqualTo("States.Permissions");
      assertThat(done.cause()).contains("localhost");
    }
  }

  @Test
  void shouldRefuseToCreateAMachineWhoseTaskResourceNoConnectorServes() {
    // given a Task on a resource nothing serves, and one on an unsupported pattern
    String nowhere =
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
            + "\"Resource\":\"arn:aws:states:::nowhere:thing\",\"End\":true}}}";
    String syncHttp = nowhere.replace("nowhere:thing", "http:invoke.sync");

    try (SfnClient sfn = SfnClients.local(port)) {
      // when / then CreateStateMachine answers InvalidDefinition saying why
      assertThatThrownBy(
              () ->
                  sfn.createStateMachine(b -> b.name("nowhere").roleArn(ROLE).definition(nowhere)))
          .isInstanceOf(InvalidDefinitionException.class)
          .hasMessageContaining("arn:aws:states:::nowhere:thing");
      assertThatThrownBy(
              () -> sfn.createStateMachine(b -> b.name("sync").roleArn(ROLE).definition(syncHttp)))
          .isInstanceOf(InvalidDefinitionException.class)
          .hasMessageContaining("REQUEST_RESPONSE");
    }
  }

  @Test
  void shouldMeasureHttpTasksPerSecondEndToEnd() throws Exception {
    // given a machine of one http:invoke Task
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::http:invoke",
          "Parameters": {"ApiEndpoint": "%s/orders", "Method": "POST",
            "Authentication": {"ConnectionArn": "orders-api"}, "RequestBody": {"n.$": "$.n"}},
          "End": true}}}
        """
            .formatted(base());
    int executions = Integer.getInteger("connectors.executions", 300);
    try (SfnClient sfn = SfnClients.local(port);
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      String machine =
          sfn.createStateMachine(b -> b.name("throughput").roleArn(ROLE).definition(definition))
              .stateMachineArn();

      // when many executions are started at once and awaited
      long started = System.nanoTime();
      List<Future<String>> arns = new ArrayList<>();
      for (int i = 0; i < executions; i++) {
        String input = "{\"n\":" + i + "}";
        arns.add(
            pool.submit(
                () ->
                    sfn.startExecution(b -> b.stateMachineArn(machine).input(input))
                        .executionArn()));
      }
      int succeeded = 0;
      Map<String, Integer> others = new java.util.TreeMap<>();
      for (Future<String> arn : arns) {
        DescribeExecutionResponse done = SfnExecutions.awaitEnd(sfn, arn.get());
        if (done.status() == ExecutionStatus.SUCCEEDED) {
          succeeded++;
        } else {
          others.merge(
              done.statusAsString() + " " + done.error() + ": " + done.cause(), 1, Integer::sum);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;

      // then every one succeeded; the rate is reported, not asserted
      System.out.printf(
          "[ConnectorsIT] %d http:invoke executions in %.2f s: %.1f tasks/s on %d CPUs%n",
          executions, seconds, executions / seconds, Runtime.getRuntime().availableProcessors());
      assertThat(succeeded).as("executions that did not succeed: %s", others).isEqualTo(executions);
    }
  }
}
