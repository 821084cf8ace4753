package io.stepflow.service.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/** The Kafka connector's parameters, headers, result and error names, over a mock producer. */
class KafkaConnectorTest {

  private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:m:e";
  private static final String TOKEN = "sft1." + "a".repeat(43);

  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  private final KafkaConnector connector = new KafkaConnector(template(producer));

  @AfterEach
  void close() {
    connector.close();
  }

  private static KafkaTemplate<String, String> template(MockProducer<String, String> producer) {
    KafkaTemplate<String, String> template =
        new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    template.setProducerListener(new ProducerListener<>() {});
    return template;
  }

  @Test
  void shouldServeKafkaPublishInRequestResponseAndWaitForTaskTokenOnly() {
    // given / when / then
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::kafka:publish")))
        .containsExactlyInAnyOrder(
            IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::kafka:consume"))).isEmpty();
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sqs:sendMessage"))).isEmpty();
  }

  @Test
  void shouldPublishKeyHeadersAndJsonBodyAndReturnWhereTheMessageWent() throws Exception {
    // given a request-response publish
    Outcome outcome = new Outcome();

    // when it starts
    connector.start(
        task(
            "arn:aws:states:::kafka:publish",
            Map.of(
                "Topic",
                "orders",
                "Key",
                "o-1",
                "Headers",
                Map.of("source", "test"),
                "Message",
                Map.of("n", 1)),
            null),
        outcome);

    // then the record went out as asked, and the result names it
    assertThat(outcome.get()).isEqualTo(Map.of("Topic", "orders", "Partition", 0, "Offset", 0L));
    ProducerRecord<String, String> record = producer.history().getFirst();
    assertThat(record.key()).isEqualTo("o-1");
    assertThat(Json.parse(record.value())).isEqualTo(Map.of("n", 1));
    assertThat(header(record, "source")).isEqualTo("test");
    assertThat(header(record, KafkaConnector.EXECUTION_HEADER)).isEqualTo(EXECUTION);
    assertThat(header(record, KafkaConnector.TOKEN_HEADER)).isNull();
  }

  @Test
  void shouldCarryTheTaskTokenInAHeaderAndNotCompleteAWaitingTask() throws Exception {
    // given a waitForTaskToken publish with a string message
    Outcome outcome = new Outcome();

    // when it starts
    connector.start(
        task(
            "arn:aws:states:::kafka:publish.waitForTaskToken",
            Map.of("Topic", "work", "Message", "plain text"),
            TOKEN),
        outcome);

    // then the task reports where the message went as submitted, and still waits
    @SuppressWarnings("unchecked")
    Map<String, Object> submitted =
        (Map<String, Object>) outcome.submitted.get(5, TimeUnit.SECONDS);
    assertThat(submitted).containsEntry("Topic", "work").containsKeys("Partition", "Offset");
    assertThat(outcome.isDone()).isFalse();
    // and the token travels in the header, the text as it is
    ProducerRecord<String, String> record = producer.history().getFirst();
    assertThat(header(record, KafkaConnector.TOKEN_HEADER)).isEqualTo(TOKEN);
    assertThat(record.value()).isEqualTo("plain text");
  }

  @Test
  void shouldFailWithStatesRuntimeForUnusableParameters() throws Exception {
    // given parameters without Topic, and with a header Stepflow sets
    Outcome noTopic = new Outcome();
    Outcome reserved = new Outcome();

    // when they start
    connector.start(task("arn:aws:states:::kafka:publish", Map.of("Message", 1), null), noTopic);
    connector.start(
        task(
            "arn:aws:states:::kafka:publish",
            Map.of("Topic", "t", "Headers", Map.of(KafkaConnector.TOKEN_HEADER, "x")),
            null),
        reserved);

    // then both fail before anything is sent
    assertThat(noTopic.get()).isEqualTo(Map.of("Error", KafkaConnector.RUNTIME));
    assertThat(reserved.get()).isEqualTo(Map.of("Error", KafkaConnector.RUNTIME));
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldNameTheKafkaClientsExceptionWhenThePublishFails() throws Exception {
    // given a producer that refuses the topic
    MockProducer<String, String> refusing =
        new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    Outcome outcome = new Outcome();
    try (KafkaConnector failing = new KafkaConnector(template(refusing))) {

      // when a publish fails
      failing.start(
          task("arn:aws:states:::kafka:publish", Map.of("Topic", "secret"), null), outcome);
      while (refusing.history().isEmpty()) {
        Thread.sleep(10);
      }
      refusing.errorNext(new TopicAuthorizationException("not allowed"));

      // then the error is the client's exception under Kafka.
      assertThat(outcome.get()).isEqualTo(Map.of("Error", "Kafka.TopicAuthorizationException"));
    }
  }

  private static ConnectorTask task(String resource, Object parameters, String token) {
    return new ConnectorTask(
        EXECUTION, 3, ResourceArn.parse(resource), parameters, token, null, Duration.ofSeconds(30));
  }

  private static String header(ProducerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The output, or {Error} on failure. */
  private static final class Outcome extends CompletableFuture<Object>
      implements ConnectorCallback {

    final CompletableFuture<Object> submitted = new CompletableFuture<>();

    @Override
    public void submitted(Object output) {
      submitted.complete(output);
    }

    @Override
    public void succeeded(Object output) {
      complete(output);
    }

    @Override
    public void failed(String error, String cause) {
      complete(Map.of("Error", error));
    }

    @Override
    public Object get() throws java.util.concurrent.ExecutionException, InterruptedException {
      try {
        return super.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("no outcome within 5 s", e);
      }
    }
  }
}
