package io.stepflow.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsConnectorTest {

  /**
   * The SDK retries a refused connection or a 5xx with backoff (seconds, when idle): bounds well
   * above that, so that a busy build machine does not turn an expected error into a timeout.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration AWAIT = Duration.ofSeconds(40);

  private static final String SEND = "arn:aws:states:::sqs:sendMessage";
  private static final String SEND_WAIT = SEND + ".waitForTaskToken";

  private static ElasticMq mq;
  private static SqsConnector connector;

  @BeforeAll
  static void start() {
    mq = ElasticMq.start();
    connector = new SqsConnector(mq.settings().withApiCallTimeout(CALL_TIMEOUT));
  }

  @AfterAll
  static void stop() {
    connector.close();
    mq.close();
  }

  @Test
  void shouldServeSendMessageWithAndWithoutTaskTokenOnly() {
    assertThat(connector.patterns(ResourceArn.parse(SEND)))
        .containsExactlyInAnyOrder(
            IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    assertThat(connector.patterns(ResourceArn.parse(SEND + ".sync")))
        .doesNotContain(IntegrationPattern.RUN_JOB);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sqs:receiveMessage")))
        .isEmpty();
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sns:publish"))).isEmpty();
  }

  @Test
  void shouldSendAJsonBodyWithAttributesAndAnswerAwsResultShape() {
    // given a queue
    String queue = mq.createQueue("orders");

    // when a Task sends a JSON body with a string and a binary attribute
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order", 7);
    body.put("items", List.of("a", "b"));
    Outcome.Result result =
        run(
            SEND,
            Map.of(
                "QueueUrl", queue,
                "MessageBody", body,
                "MessageAttributes",
                    Map.of(
                        "kind", Map.of("DataType", "String", "StringValue", "new-order"),
                        "blob", Map.of("DataType", "Binary", "BinaryValue", "AQID"))));

    // then the message arrives as JSON text with its attributes
    Message message = receiveOne(queue);
    assertThat(Json.parse(message.body()))
        .isEqualTo(Json.parse("{\"order\":7,\"items\":[\"a\",\"b\"]}"));
    assertThat(message.messageAttributes().get("kind").stringValue()).isEqualTo("new-order");
    assertThat(message.messageAttributes().get("blob").binaryValue().asByteArray())
        .containsExactly(1, 2, 3);
    // and the result has AWS's shape, with the id and digest SQS gave
    assertThat(result.error()).isNull();
    Map<String, Object> output = map(result.output());
    assertThat(output)
        .containsKeys(
            "MD5OfMessageBody",
            "MD5OfMessageAttributes",
            "MessageId",
            "SdkHttpMetadata",
            "SdkResponseMetadata");
    assertThat(output.get("MessageId")).isEqualTo(message.messageId());
    assertThat(output.get("MD5OfMessageBody")).isEqualTo(md5(message.body()));
    assertThat(((Map<?, ?>) output.get("SdkHttpMetadata")).get("HttpStatusCode")).isEqualTo(200);
  }

  @Test
  void shouldSendATextBodyAsIs() {
    // given a queue
    String queue = mq.createQueue("texts");

    // when a Task sends a text body
    Outcome.Result result = run(SEND, Map.of("QueueUrl", queue, "MessageBody", "plain {text}"));

    // then the body arrives unchanged, not as a JSON string
    assertThat(result.error()).isNull();
    assertThat(receiveOne(queue).body()).isEqualTo("plain {text}");
  }

  @Test
  void shouldSendGroupAndDeduplicationIdsToAFifoQueue() {
    // given a FIFO queue
    String queue = mq.createFifoQueue("payments.fifo");

    // when a Task sends with a group id and a deduplication id
    Outcome.Result result =
        run(
            SEND,
            Map.of(
                "QueueUrl",
                queue,
                "MessageBody",
                Map.of("amount", 12),
                "MessageGroupId",
                "customer-1",
                "MessageDeduplicationId",
                "payment-1"));

    // then the message carries both, and the result the sequence number
    assertThat(result.error()).isNull();
    Message message = receiveOne(queue);
    assertThat(message.attributes())
        .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "customer-1")
        .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "payment-1");
    assertThat(map(result.output())).containsKey("SequenceNumber");
  }

  @Test
  void shouldOnlyHandTheMessageOnWhenWaitingForTheTaskToken() throws Exception {
    // given a queue
    String queue = mq.createQueue("callbacks");

    // when a waitForTaskToken Task sends a body with its token
    Outcome outcome = new Outcome();
    connector.start(
        task(SEND_WAIT, Map.of("QueueUrl", queue, "MessageBody", Map.of("TaskToken", "tok-1"))),
        outcome);

    // then the message arrives, and the task is reported submitted with SQS's answer, not ended:
    // it waits for the token
    var received = receiveOne(queue);
    assertThat(Json.parse(received.body())).isEqualTo(Map.of("TaskToken", "tok-1"));
    assertThat(map(outcome.submitted.get(10, TimeUnit.SECONDS)))
        .containsEntry("MessageId", received.messageId())
        .containsKeys("MD5OfMessageBody", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(outcome.poll(Duration.ofMillis(300))).isNull();
  }

  @Test
  void shouldFailWithQueueDoesNotExistForAMissingQueue() {
    // given no queue "missing"
    String missing = mq.endpoint() + "/000000000000/missing";

    // when a Task sends to it
    Outcome.Result result = run(SEND, Map.of("QueueUrl", missing, "MessageBody", "x"));

    // then it fails with AWS's error name
    assertThat(result.error()).isEqualTo(SqsConnector.QUEUE_DOES_NOT_EXIST);
    assertThat(result.cause()).isNotBlank();
  }

  @Test
  void shouldFailWithStatesRuntimeForUnusableParameters() {
    assertThat(run(SEND, Map.of("MessageBody", "x")).error()).isEqualTo("States.Runtime");
    assertThat(run(SEND, Map.of("QueueUrl", "http://q")).cause()).contains("MessageBody");
    assertThat(
            run(SEND, Map.of("QueueUrl", "http://q", "MessageBody", "x", "DelaySeconds", "5"))
                .error())
        .isEqualTo("States.Runtime");
    assertThat(run(SEND, Map.of("QueueUrl", "http://q", "MessageBody", "x", "Foo", 1)).cause())
        .contains("Foo");
  }

  @Test
  void shouldFailClearlyWhileSqsIsDownAndWorkAgainOnceItIsBack() {
    // given a server that is stopped
    mq.stop();
    try {
      // when a Task sends
      Outcome.Result down =
          run(SEND, Map.of("QueueUrl", mq.endpoint() + "/000000000000/q", "MessageBody", "x"));

      // then it fails with the SDK's client error, naming where SQS was expected
      assertThat(down.error()).isEqualTo(SqsConnector.CLIENT);
      assertThat(down.cause()).contains("could not be reached at " + mq.endpoint());
    } finally {
      mq.restart();
    }
    // and once the server is back, sending works again with the same connector
    String queue = mq.createQueue("after-restart");
    assertThat(run(SEND, Map.of("QueueUrl", queue, "MessageBody", "again")).error()).isNull();
    assertThat(receiveOne(queue).body()).isEqualTo("again");
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

  private static Message receiveOne(String queue) {
    List<Message> messages =
        mq.client()
            .receiveMessage(
                b ->
                    b.queueUrl(queue)
                        .waitTimeSeconds(5)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    assertThat(messages).hasSize(1);
    return messages.getFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static String md5(String text) throws RuntimeException {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, digest));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A callback that waits for the one outcome the connector reports. */
  static final class Outcome implements ConnectorCallback {

    record Result(Object output, String error, String cause) {}

    private final CompletableFuture<Result> result = new CompletableFuture<>();
    final CompletableFuture<Object> submitted = new CompletableFuture<>();

    @Override
    public void submitted(Object output) {
      submitted.complete(output);
    }

    @Override
    public void succeeded(Object output) {
      result.complete(new Result(output, null, null));
    }

    @Override
    public void failed(String error, String cause) {
      result.complete(new Result(null, error, cause));
    }

    Result await(Duration within) {
      Result r = poll(within);
      assertThat(r).as("an outcome").isNotNull();
      return r;
    }

    Result poll(Duration within) {
      try {
        return result.get(within.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
