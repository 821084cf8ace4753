package io.stepflow.service.connectors.sns;

import static io.stepflow.service.testsupport.SfnExecutions.create;
import static io.stepflow.service.testsupport.SfnExecutions.run;
import static io.stepflow.service.testsupport.SfnExecutions.timeExecutions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.sns.SnsTestServer;
import io.stepflow.service.testsupport.SfnClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * sns:publish Tasks run through the AWS-compatible API against an SNS-compatible server in the test
 * JVM (task-connectors' SnsTestServer, from its test-jar).
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SnsConnectorIT {

  /** The seed as the example runs it (Maven runs the test in the module's folder). */
  private static final Path SEED = Path.of("..", "examples", "sns-publish", "sns-publish.asl.json");

  /** The seed as the project was given it, beside the checkout, when it is there. */
  private static final Path SHARED_SEED =
      Path.of("..", "..", "shared", "seed-workflows", "sns-publish.asl.json");

  static SnsTestServer sns;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-sns");
    registry.add("stepflow.data-dir", dataDir::toString);
    sns = new SnsTestServer();
    registry.add("stepflow.connectors.sns.enabled", () -> "true");
    registry.add("stepflow.connectors.sns.endpoint", () -> sns.endpoint().toString());
    registry.add("stepflow.connectors.sns.region", () -> "us-east-1");
    registry.add("stepflow.connectors.sns.access-key-id", () -> "test");
    registry.add("stepflow.connectors.sns.secret-access-key", () -> "test");
    registry.add("stepflow.connectors.sns.api-call-timeout", () -> "10s");
  }

  @AfterAll
  static void stopStub() {
    sns.close();
  }

  @BeforeEach
  void forgetEarlierPublishes() {
    sns.reset();
  }

  @Test
  void shouldRunTheSeedUnchangedAndAnswerTheMessageId() throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given the seed's definition, as the project was given it
      String definition = Files.readString(SEED);
      if (Files.exists(SHARED_SEED)) {
        assertThat(definition).isEqualTo(Files.readString(SHARED_SEED));
      }
      String machine = create(sfn, "sns-publish", definition);

      // when it runs
      DescribeExecutionResponse done = run(sfn, machine, "{}");

      // then the stub got the seed's message for its topic
      assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      SnsTestServer.Published published = sns.take(Duration.ofSeconds(5));
      assertThat(published.form())
          .containsEntry("TopicArn", "arn:aws:sns:us-east-1:123456789012:myTopic")
          .containsEntry("Message", "Hello from Step Functions!");
      // and the output is AWS's, with the id SNS gave
      Map<?, ?> output = (Map<?, ?>) Json.parse(done.output());
      assertThat(output.keySet().stream().map(String::valueOf).toList())
          .containsExactly("MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
      assertThat(output.get("MessageId")).isEqualTo(published.messageId());
      assertThat(((Map<?, ?>) output.get("SdkHttpMetadata")).get("HttpStatusCode")).isEqualTo(200);
    }
  }

  @Test
  void shouldWaitForTheSubscriberThatGotTheTokenInTheMessage() throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given AWS's callback example, and a subscriber that answers with the token it receives
      String machine =
          create(
              sfn,
              "sns-callback",
              """
              {"StartAt": "Send message to SNS", "States": {"Send message to SNS": {
                "Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:myTopic",
                  "Message": {"Input.$": "$", "TaskToken.$": "$$.Task.Token"}},
                "TimeoutSeconds": 60, "End": true}}}
              """);
      CompletableFuture<String> subscriber =
          CompletableFuture.supplyAsync(
              () -> {
                Map<?, ?> message =
                    (Map<?, ?>) Json.parse(sns.take(Duration.ofSeconds(20)).message());
                String token = (String) message.get("TaskToken");
                sfn.sendTaskSuccess(
                    b ->
                        b.taskToken(token)
                            .output(Json.write(Map.of("approvedFor", message.get("Input")))));
                return token;
              });

      // when it runs
      DescribeExecutionResponse done = run(sfn, machine, "{\"order\": 7}");

      // then the subscriber got the token in the message, and the execution ends with its answer
      assertThat(subscriber.get(30, TimeUnit.SECONDS)).isNotBlank();
      assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.output()))
          .isEqualTo(Json.parse("{\"approvedFor\": {\"order\": 7}}"));
    }
  }

  @Test
  void shouldCatchNotFoundForAMissingTopic() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given SNS that knows no topic "missing", and a machine that catches that error
      sns.answerWith(
          p ->
              p.topicArn().endsWith(":missing")
                  ? SnsTestServer.Answer.error(404, "NotFound", "Topic does not exist")
                  : sns.accept(p));
      String machine =
          create(
              sfn,
              "publish-missing",
              """
              {"StartAt": "Publish", "States": {
                "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:missing",
                    "Message": {"order.$": "$.order"}},
                  "Catch": [{"ErrorEquals": ["SNS.NotFoundException"],
                    "ResultPath": "$.error", "Next": "Missing"}],
                  "End": true},
                "Missing": {"Type": "Pass", "End": true}}}
              """);

      // when it runs
      DescribeExecutionResponse done = run(sfn, machine, "{\"order\": 7}");

      // then the Catch took the error, with SNS's message as the cause
      assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(done.output())).get("error");
      assertThat(error.get("Error")).isEqualTo("SNS.NotFoundException");
      assertThat((String) error.get("Cause")).contains("Topic does not exist");
    }
  }

  @Test
  void shouldRefuseAPatternSnsPublishHasNot() {
    try (SfnClient sfn = SfnClients.local(port)) {
      assertThatThrownBy(
              () ->
                  create(
                      sfn,
                      "publish-sync",
                      """
                      {"StartAt": "P", "States": {"P": {"Type": "Task",
                        "Resource": "arn:aws:states:::sns:publish.sync",
                        "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                          "Message": "x"},
                        "End": true}}}
                      """))
          .isInstanceOf(InvalidDefinitionException.class)
          .hasMessageContaining("sns");
    }
  }

  @Test
  void shouldMeasurePublishesPerSecondEndToEnd() throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given the seed's machine, and a Pass machine to compare with
      String publish = create(sfn, "sns-publish-throughput", Files.readString(SEED));
      String pass =
          create(
              sfn,
              "pass-throughput-sns",
              """
              {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}}
              """);
      run(sfn, publish, "{}");
      run(sfn, pass, "{}");

      // when many executions each publish one message, and as many run a Pass state
      int count = 200;
      long before = sns.published().size();
      double publishSeconds = timeExecutions(sfn, publish, i -> "{\"i\": " + i + "}", count);
      double passSeconds = timeExecutions(sfn, pass, i -> "{\"i\": " + i + "}", count);

      // then every execution published once, and the rate is printed, not asserted
      assertThat(sns.published().size() - before).isGreaterThanOrEqualTo(count);
      System.out.printf(
          "SNS publishes end to end: %d executions (start, publish, succeed) in %.2f s = %.0f"
              + " publishes/s; one-Pass-state executions: %.0f/s; on %d CPUs, %d MiB heap max%n",
          count,
          publishSeconds,
          count / publishSeconds,
          count / passSeconds,
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }
}
