package io.stepflow.connectors.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.connectors.http.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnsConnectorTest {

  /**
   * The SDK retries a refused connection or a 5xx with backoff (seconds, when idle): bounds well
   * above that, so that a busy build machine does not turn an expected error into a timeout.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration AWAIT = Duration.ofSeconds(40);

  private static final String PUBLISH = "arn:aws:states:::sns:publish";
  private static final String PUBLISH_WAIT = PUBLISH + ".waitForTaskToken";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:myTopic";

  private static SnsTestServer sns;
  private static SnsConnector connector;

  @BeforeAll
  static void start() {
    sns = new SnsTestServer();
    connector = new SnsConnector(sns.settings().withApiCallTimeout(CALL_TIMEOUT));
  }

  @AfterAll
  static void stop() {
    connector.close();
    sns.close();
  }

  @AfterEach
  void reset() {
    sns.reset();
  }

  @Test
  void shouldServePublishWithAndWithoutTaskTokenOnly() {
    assertThat(connector.patterns(ResourceArn.parse(PUBLISH)))
        .containsExactlyInAnyOrder(
            IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    assertThat(connector.patterns(ResourceArn.parse(PUBLISH + ".sync")))
        .doesNotContain(IntegrationPattern.RUN_JOB);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sns:createTopic"))).isEmpty();
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sqs:sendMessage"))).isEmpty();
  }

  @Test
  void shouldPublishTheSeedsMessageAndAnswerAwsResultShape() {
    // when a Task publishes the seed's parameters
    Outcome.Result result =
        run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "Hello from Step Functions!"));

    // then SNS got the message as is, for the topic
    assertThat(result.error()).as(result.cause()).isNull();
    SnsTestServer.Published published = sns.published().getFirst();
    assertThat(published.form())
        .containsEntry("Action", "Publish")
        .containsEntry("TopicArn", TOPIC)
        .containsEntry("Message", "Hello from Step Functions!");
    // signed as the SDK signs, with the configured key
    assertThat(published.headers().get("Authorization").getFirst()).contains("Credential=test/");
    // and the result has AWS's shape, without a sequence number for a standard topic
    Map<String, Object> output = map(result.output());
    assertThat(output.keySet())
        .containsExactly("MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(output.get("MessageId")).isEqualTo(published.messageId());
    Map<String, Object> http = map(output.get("SdkHttpMetadata"));
    assertThat(http.get("HttpStatusCode")).isEqualTo(200);
    assertThat(map(http.get("HttpHeaders")).keySet())
        .anyMatch(name -> name.equalsIgnoreCase("x-amzn-RequestId"));
    assertThat(map(http.get("AllHttpHeaders")).values()).allMatch(List.class::isInstance);
    assertThat((String) map(output.get("SdkResponseMetadata")).get("RequestId")).isNotBlank();
  }

  @Test
  void shouldSerialiseAJsonMessageAndSendSubjectStructureAndAttributes() {
    // when a Task publishes a JSON message with a subject, a structure and two attributes
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("default", "an order");
    message.put("email", "order 7, items a and b");
    Outcome.Result result =
        run(
            PUBLISH,
            Map.of(
                "TopicArn",
                TOPIC,
                "Message",
                message,
                "Subject",
                "New order",
                "MessageStructure",
                "json",
                "MessageAttributes",
                Map.of(
                    "kind", Map.of("DataType", "String", "StringValue", "new-order"),
                    "blob", Map.of("DataType", "Binary", "BinaryValue", "AQID"))));

    // then SNS got the message as JSON text, and the other parameters as given
    assertThat(result.error()).as(result.cause()).isNull();
    SnsTestServer.Published published = sns.published().getFirst();
    assertThat(Json.parse(published.message()))
        .isEqualTo(Map.of("default", "an order", "email", "order 7, items a and b"));
    assertThat(published.form())
        .containsEntry("Subject", "New order")
        .containsEntry("MessageStructure", "json");
    assertThat(published.attributes())
        .containsEntry("kind", Map.of("DataType", "String", "StringValue", "new-order"))
        .containsEntry("blob", Map.of("DataType", "Binary", "BinaryValue", "AQID"));
  }

  @Test
  void shouldSendGroupAndDeduplicationIdsToAFifoTopicAndAnswerItsSequenceNumber() {
    // when a Task publishes to a FIFO topic with a group id and a deduplication id
    Outcome.Result result =
        run(
            PUBLISH,
            Map.of(
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:payments.fifo",
                "Message", Map.of("amount", 12),
                "MessageGroupId", "customer-1",
                "MessageDeduplicationId", "payment-1"));

    // then SNS got both, and the result carries the sequence number
    assertThat(result.error()).as(result.cause()).isNull();
    assertThat(sns.published().getFirst().form())
        .containsEntry("MessageGroupId", "customer-1")
        .containsEntry("MessageDeduplicationId", "payment-1");
    assertThat(map(result.output()).keySet())
        .containsExactly("MessageId", "SdkHttpMetadata", "SdkResponseMetadata", "SequenceNumber");
  }

  @Test
  void shouldPublishToATargetArnOrAPhoneNumber() {
    // when one Task publishes to a platform endpoint and another to a phone number
    String endpoint = "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1234";
    Outcome.Result target = run(PUBLISH, Map.of("TargetArn", endpoint, "Message", "to an app"));
    Outcome.Result sms = run(PUBLISH, Map.of("PhoneNumber", "+15555550100", "Message", "sms"));

    // then each went to its destination alone
    assertThat(target.error()).as(target.cause()).isNull();
    assertThat(sms.error()).as(sms.cause()).isNull();
    assertThat(sns.published().get(0).form())
        .containsEntry("TargetArn", endpoint)
        .doesNotContainKeys("TopicArn", "PhoneNumber");
    assertThat(sns.published().get(1).form())
        .containsEntry("PhoneNumber", "+15555550100")
        .doesNotContainKeys("TopicArn", "TargetArn");
  }

  @Test
  void shouldOnlyHandTheMessageOnWhenWaitingForTheTaskToken() {
    // when a waitForTaskToken Task publishes a message with its token
    Outcome outcome = new Outcome();
    connector.start(
        task(
            PUBLISH_WAIT,
            Map.of("TopicArn", TOPIC, "Message", Map.of("Input", "x", "TaskToken", "tok-1"))),
        outcome);

    // then the token travels in the message, and the task is reported submitted with SNS's
    // answer, not ended: it waits for the token
    assertThat(((Map<?, ?>) outcome.awaitSubmitted()).keySet().stream().map(String::valueOf))
        .contains("MessageId", "SdkHttpMetadata");
    assertThatThrownBy(() -> outcome.await(Duration.ofMillis(500)))
        .isInstanceOf(AssertionError.class);
    assertThat(sns.published()).hasSize(1);
    assertThat(Json.parse(sns.published().getFirst().message()))
        .isEqualTo(Map.of("Input", "x", "TaskToken", "tok-1"));
  }

  @Test
  void shouldFailAWaitingTaskWhenThePublishFails() {
    // given SNS that knows no such topic
    sns.answerWith(p -> SnsTestServer.Answer.error(404, "NotFound", "Topic does not exist"));

    // when a waitForTaskToken Task publishes
    Outcome.Result result =
        run(PUBLISH_WAIT, Map.of("TopicArn", TOPIC, "Message", Map.of("TaskToken", "tok-1")));

    // then it fails at once rather than waiting for a token nobody got
    assertThat(result.error()).isEqualTo(SnsConnector.NOT_FOUND);
  }

  @Test
  void shouldFailWithNotFoundWhenSnsAnswersThatErrorCode() {
    // given SNS answers its NotFound error
    sns.answerWith(p -> SnsTestServer.Answer.error(404, "NotFound", "Topic does not exist"));

    // when a Task publishes
    Outcome.Result result = run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x"));

    // then it fails with AWS's name for it, and SNS's message as the cause
    assertThat(result.error()).isEqualTo("SNS.NotFoundException");
    assertThat(result.cause()).contains("Topic does not exist").contains("Status Code: 404");
    // a client error is not retried
    assertThat(sns.requests()).isEqualTo(1);
  }

  @Test
  void shouldNameEachSnsErrorCodeAfterTheSdksException() {
    assertThat(errorFor(400, "InvalidParameter")).isEqualTo("SNS.InvalidParameterException");
    assertThat(errorFor(400, "ParameterValueInvalid"))
        .isEqualTo("SNS.InvalidParameterValueException");
    assertThat(errorFor(403, "AuthorizationError")).isEqualTo("SNS.AuthorizationErrorException");
    assertThat(errorFor(400, "Throttled")).isEqualTo("SNS.ThrottledException");
    assertThat(errorFor(400, "EndpointDisabled")).isEqualTo("SNS.EndpointDisabledException");
    // and one the SDK does not know by AWS's generic name
    assertThat(errorFor(400, "SomethingNew")).isEqualTo(SnsConnector.SNS);
  }

  @Test
  void shouldFailWithAmazonSnsExceptionForA5xxWithoutAnSnsErrorAfterRetrying() {
    // given something in front of SNS that answers 503 with a page
    sns.answerWith(p -> SnsTestServer.Answer.raw(503, "<html>Service Unavailable</html>", 0));

    // when a Task publishes
    Outcome.Result result = run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x"));

    // then the SDK retried, and the task fails with AWS's generic SNS error naming the status
    assertThat(result.error()).isEqualTo(SnsConnector.SNS);
    assertThat(result.cause()).contains("503");
    assertThat(sns.requests()).isGreaterThan(1);
  }

  @Test
  void shouldFailWithInternalErrorForSnsOwn500() {
    // given SNS answers its InternalError
    sns.answerWith(p -> SnsTestServer.Answer.error(500, "InternalError", "Something broke"));

    // when a Task publishes
    Outcome.Result result = run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x"));

    // then, after the SDK's retries, it fails with AWS's name for it
    assertThat(result.error()).isEqualTo("SNS.InternalErrorException");
    assertThat(result.cause()).contains("Something broke");
    assertThat(sns.requests()).isGreaterThan(1);
  }

  @Test
  void shouldFailWithClientExecutionTimeoutWhenSnsAnswersTooLate() {
    // given SNS that answers after 10 s, and a connector that waits 1 s in all
    sns.answerWith(p -> SnsTestServer.Answer.raw(200, "", 10_000));
    try (SnsConnector impatient =
        new SnsConnector(sns.settings().withApiCallTimeout(Duration.ofSeconds(1)))) {
      // when a Task publishes
      Outcome outcome = new Outcome();
      long started = System.nanoTime();
      impatient.start(task(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x")), outcome);
      Outcome.Result result = outcome.await();

      // then it fails with the timeout, well before SNS answers
      assertThat(result.error()).isEqualTo(SnsConnector.TIMEOUT);
      assertThat(result.cause()).contains("PT1S").contains(TOPIC);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void shouldFailWithSdkClientExceptionWhenNothingListens() {
    // given a port nothing listens on: a privileged one, outside the ephemeral range, so that the
    // client's own local port can never be the same one (a TCP self-connect would hang, not refuse)
    URI nowhere = URI.create("http://127.0.0.1:1");
    try (SnsConnector refused =
        new SnsConnector(
            SnsSettings.defaults()
                .withEndpoint(nowhere, "us-east-1", "test", "test")
                .withApiCallTimeout(CALL_TIMEOUT))) {
      // when a Task publishes
      Outcome outcome = new Outcome();
      refused.start(task(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x")), outcome);
      Outcome.Result result = outcome.await(AWAIT);

      // then it fails with the SDK's client error, naming where SNS was expected
      assertThat(result.error()).isEqualTo(SnsConnector.CLIENT);
      assertThat(result.cause())
          .contains("Unable to publish the message to " + TOPIC)
          .contains("could not be reached at " + nowhere)
          .containsIgnoringCase("connection refused");
    }
  }

  @Test
  void shouldFailWithStatesRuntimeForUnusableParameters() {
    assertThat(run(PUBLISH, Map.of("Message", "x")).cause())
        .contains("Expected exactly one of TopicArn, TargetArn or PhoneNumber, but found none");
    assertThat(
            run(PUBLISH, Map.of("TopicArn", TOPIC, "PhoneNumber", "+15555550100", "Message", "x"))
                .cause())
        .contains("but found TopicArn and PhoneNumber");
    assertThat(run(PUBLISH, Map.of("TopicArn", TOPIC)).cause()).contains("Expected a Message");
    assertThat(run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x", "Foo", 1)).cause())
        .contains("Foo");
    assertThat(run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x", "Subject", 7)).cause())
        .contains("Expected Subject to be a text");
    Outcome.Result noType =
        run(
            PUBLISH,
            Map.of(
                "TopicArn",
                TOPIC,
                "Message",
                "x",
                "MessageAttributes",
                Map.of("kind", Map.of("StringValue", "a"))));
    assertThat(noType.error()).isEqualTo("States.Runtime");
    assertThat(noType.cause()).contains("kind").contains(PUBLISH);
    assertThat(run(PUBLISH, List.of("x")).error()).isEqualTo("States.Runtime");
    // and nothing was sent
    assertThat(sns.requests()).isZero();
  }

  @Test
  void shouldReportACancelledPublish() {
    // given SNS that answers late
    sns.answerWith(p -> SnsTestServer.Answer.raw(200, "", 2_000));

    // when a Task publishes and is cancelled
    Outcome outcome = new Outcome();
    ConnectorTask task = task(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x"));
    connector.start(task, outcome);
    connector.cancel(task);

    // then it is reported as not sent
    Outcome.Result result = outcome.await();
    assertThat(result.error()).isEqualTo(SnsConnector.CLIENT);
    assertThat(result.cause()).contains("cancelled");
  }

  private String errorFor(int status, String code) {
    sns.answerWith(p -> SnsTestServer.Answer.error(status, code, "because"));
    return run(PUBLISH, Map.of("TopicArn", TOPIC, "Message", "x")).error();
  }

  private Outcome.Result run(String resource, Object parameters) {
    Outcome outcome = new Outcome();
    connector.start(task(resource, parameters), outcome);
    return outcome.await(AWAIT);
  }

  private static ConnectorTask task(String resource, Object parameters) {
    return new ConnectorTask(
        "exec", 1, ResourceArn.parse(resource), parameters, "tok-1", null, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
