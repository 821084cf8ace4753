package io.stepflow.connectors.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.connectors.http.LocalServer;
import io.stepflow.connectors.http.LocalServer.Answer;
import io.stepflow.connectors.http.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaConnectorTest {

  private static final String ADD = "arn:aws:lambda:us-east-1:123456789012:function:Add";
  private static final String INVOKE = "arn:aws:states:::lambda:invoke";

  private LocalServer server;
  private LambdaConnector connector;

  @BeforeEach
  void start() {
    server =
        new LocalServer(
            r -> {
              if (r.uri().equals("/add")) {
                Map<?, ?> in = (Map<?, ?>) Json.parse(r.body());
                int sum = ((Number) in.get("a")).intValue() + ((Number) in.get("b")).intValue();
                return Answer.json(200, "{\"sum\":" + sum + "}");
              }
              return Answer.json(
                  500, "{\"errorType\":\"OrderRejected\",\"errorMessage\":\"out of stock\"}");
            });
    connector =
        new LambdaConnector(
            LambdaSettings.defaults()
                .withFunctions(
                    Map.of(
                        "Add", URI.create(server.url("/add")),
                        "Reject", URI.create(server.url("/reject")))));
  }

  @AfterEach
  void stop() {
    server.close();
    connector.close();
  }

  private Outcome.Result run(String resource, Object parameters) {
    Outcome outcome = new Outcome();
    connector.start(
        new ConnectorTask("exec", 1, ResourceArn.parse(resource), parameters, null, null, null),
        outcome);
    return outcome.await();
  }

  @Test
  void shouldServeFunctionArnsAndLambdaInvokeWithAndWithoutTaskToken() {
    assertThat(connector.patterns(ResourceArn.parse(ADD)))
        .containsExactly(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(connector.patterns(ResourceArn.parse(INVOKE + ".waitForTaskToken")))
        .contains(IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::lambda:invoke.sync")))
        .doesNotContain(IntegrationPattern.RUN_JOB);
  }

  @Test
  void shouldReportTheWrappedAnswerAsSubmittedWhenWaitingForTheTaskToken() {
    // when lambda:invoke.waitForTaskToken calls Add
    Outcome outcome = new Outcome();
    connector.start(
        new ConnectorTask(
            "exec",
            1,
            ResourceArn.parse(INVOKE + ".waitForTaskToken"),
            Map.of("FunctionName", "Add", "Payload", Map.of("a", 1, "b", 2, "token", "tok-1")),
            "tok-1",
            null,
            null),
        outcome);

    // then the function's answer, wrapped as AWS's Invoke answer, is reported as submitted
    Map<?, ?> submitted = (Map<?, ?>) outcome.awaitSubmitted();
    assertThat(submitted.get("Payload")).isEqualTo(Map.of("sum", 3));
    assertThat(submitted.get("StatusCode")).isEqualTo(200);
    // and the task is not ended: it waits for its token
    assertThatThrownBy(() -> outcome.await(Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void shouldAnswerTheBarePayloadForAFunctionArn() {
    // given the Add function
    // when a Task with its ARN runs on {a:2,b:3}
    Outcome.Result result = run(ADD, Map.of("a", 2, "b", 3));

    // then the output is the function's answer as is, and it received the input as JSON
    assertThat(result.output()).isEqualTo(Map.of("sum", 5));
    assertThat(server.received.getFirst().method()).isEqualTo("POST");
    assertThat(Json.parse(server.received.getFirst().body())).isEqualTo(Map.of("a", 2, "b", 3));
  }

  @Test
  void shouldWrapTheAnswerAsAwsDoesForLambdaInvoke() {
    // when lambda:invoke names Add by full ARN with a qualifier
    Outcome.Result result =
        run(INVOKE, Map.of("FunctionName", ADD + ":$LATEST", "Payload", Map.of("a", 1, "b", 1)));

    // then the answer is in Payload, beside AWS's metadata
    Map<?, ?> output = (Map<?, ?>) result.output();
    assertThat(output.keySet().stream().map(String::valueOf).toList())
        .containsExactly(
            "ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
    assertThat(output.get("Payload")).isEqualTo(Map.of("sum", 2));
    assertThat(output.get("StatusCode")).isEqualTo(200);
    assertThat(output.get("ExecutedVersion")).isEqualTo("$LATEST");
    assertThat(((Map<?, ?>) output.get("SdkHttpMetadata")).get("HttpStatusCode")).isEqualTo(200);
    assertThat(((Map<?, ?>) output.get("SdkResponseMetadata")).get("RequestId")).isNotNull();
  }

  @Test
  void shouldFailWithTheFunctionsErrorTypeAndItsAnswerAsCause() {
    // when the Reject function answers an error
    Outcome.Result result = run(INVOKE, Map.of("FunctionName", "Reject", "Payload", Map.of()));

    // then the error is its errorType and the cause its JSON text
    assertThat(result.error()).isEqualTo("OrderRejected");
    assertThat(Json.parse(result.cause()))
        .isEqualTo(Map.of("errorType", "OrderRejected", "errorMessage", "out of stock"));
  }

  @Test
  void shouldFailWithResourceNotFoundForAnUnknownFunction() {
    // when a function no URL is configured for is invoked both ways
    Outcome.Result bare = run("arn:aws:lambda:us-east-1:123456789012:function:Nope", Map.of());
    Outcome.Result wrapped = run(INVOKE, Map.of("FunctionName", "Nope"));

    // then both fail with Lambda.ResourceNotFoundException naming it, and nothing is called
    assertThat(bare.error()).isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(wrapped.error()).isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(wrapped.cause()).contains("Nope");
    assertThat(server.received).isEmpty();
  }
}
