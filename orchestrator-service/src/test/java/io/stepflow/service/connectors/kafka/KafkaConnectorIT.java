package io.stepflow.service.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.json.Json;
import io.stepflow.service.testsupport.SfnClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/**
 * kafka:publish and kafka:publish.waitForTaskToken against a real KRaft broker in the test JVM. The
 * broker starts only in the first test, which publishes while it is still down; the others start it
 * if it is not running yet.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaConnectorIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";
  private static final String REPLIES = "stepflow-task-replies";
  private static EmbeddedKafkaKraftBroker broker;
  private static KafkaProducer<String, String> service;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    var dataDir = Files.createTempDirectory("stepflow-kafka");
    broker = new EmbeddedKafkaKraftBroker(1, 2, REPLIES);
    broker.brokerProperty("auto.create.topics.enable", "true");
    broker.afterPropertiesSet();
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    service = new KafkaProducer<>(config);
    registry.add("stepflow.data-dir", dataDir::toString);
    registry.add("stepflow.connectors.kafka.enabled", () -> "true");
    registry.add("stepflow.connectors.kafka.bootstrap-servers", broker::getBrokersAsString);
    registry.add("stepflow.connectors.kafka.delivery-timeout", () -> "3s");
    registry.add("stepflow.connectors.kafka.request-timeout", () -> "2s");
    registry.add("stepflow.connectors.kafka.poll-timeout", () -> "200ms");
  }

  @AfterAll
  static void stopBroker() {
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.destroy();
    }
  }

  private SfnClient sfn() {
    return SfnClients.local(port);
  }

  @Test
  @Order(2)
  void shouldPublishAndReturnTopicPartitionAndOffset() {
    // given a machine that publishes with a key and headers
    SfnClient sfn = sfn();
    String machine =
        create(
            sfn,
            "publish",
            """
            {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
              "Resource": "arn:aws:states:::kafka:publish",
              "Parameters": {"Topic": "orders", "Key.$": "$.id",
                "Headers": {"source": "stepflow"}, "Message": {"item.$": "$.item"}},
              "End": true}}}
            """);

    // when it runs
    String execution = start(sfn, machine, "{\"id\": \"o-7\", \"item\": \"book\"}");
    DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(20));

    // then the result names where the message went, and the message is there as sent
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Map<?, ?> output = (Map<?, ?>) Json.parse(done.output());
    assertThat(output.get("Topic")).isEqualTo("orders");
    assertThat(output.keySet().stream().map(String::valueOf).toList())
        .containsExactly("Topic", "Partition", "Offset");
    ConsumerRecord<String, String> record = records("orders", execution).getFirst();
    assertThat(((Number) output.get("Partition")).intValue()).isEqualTo(record.partition());
    assertThat(((Number) output.get("Offset")).longValue()).isEqualTo(record.offset());
    assertThat(record.key()).isEqualTo("o-7");
    assertThat(Json.parse(record.value())).isEqualTo(Map.of("item", "book"));
    assertThat(header(record, "source")).isEqualTo("stepflow");
    assertThat(header(record, KafkaConnector.TOKEN_HEADER)).isNull();
  }

  @Test
  @Order(3)
  void shouldCompleteAWaitingTaskFromAReplyOnTheReplyTopicOnlyOnce() {
    // given a machine whose message carries its task token in the body as well
    SfnClient sfn = sfn();
    String machine = waitingMachine(sfn, "reply", "work-reply");
    String execution = start(sfn, machine, "{\"n\": 1}");

    // when the service replies with output, and the same reply arrives again
    ConsumerRecord<String, String> request = records("work-reply", execution).getFirst();
    String token = header(request, KafkaConnector.TOKEN_HEADER);
    assertThat(((Map<?, ?>) Json.parse(request.value())).get("token")).isEqualTo(token);
    String reply = Json.write(Map.of("taskToken", token, "output", Map.of("done", true)));
    reply(reply);
    reply(reply);

    // then the task succeeded once with that output, and the token is used up
    DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output())).isEqualTo(Map.of("done", true));
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
    // and the consumer went past the duplicate: a later reply still completes a task
    String next = start(sfn, machine, "{\"n\": 2}");
    String nextToken = header(records("work-reply", next).getFirst(), KafkaConnector.TOKEN_HEADER);
    reply(Json.write(Map.of("taskToken", nextToken, "output", Map.of("n", 2))));
    assertThat(awaitEnd(sfn, next, Duration.ofSeconds(20)).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(history(sfn, execution))
        .filteredOn(e -> e.type() == HistoryEventType.TASK_SUCCEEDED)
        .hasSize(1);
  }

  @Test
  @Order(4)
  void shouldCompleteAWaitingTaskBySendTaskSuccess() {
    // given a waiting task whose token the service read from the header
    SfnClient sfn = sfn();
    String machine = waitingMachine(sfn, "direct", "work-direct");
    String execution = start(sfn, machine, "{}");
    String token =
        header(records("work-direct", execution).getFirst(), KafkaConnector.TOKEN_HEADER);

    // when the service answers through the API instead of the reply topic
    sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"via\": \"api\"}"));

    // then the task succeeded with that output
    DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output())).isEqualTo(Map.of("via", "api"));
  }

  @Test
  @Order(5)
  void shouldLetTheMachinesCatchHandleAnErrorReply() {
    // given a waiting task with a Catch for Payment.Declined
    SfnClient sfn = sfn();
    String machine =
        create(
            sfn,
            "catch",
            """
            {"StartAt": "Pay", "States": {
              "Pay": {"Type": "Task",
                "Resource": "arn:aws:states:::kafka:publish.waitForTaskToken",
                "Parameters": {"Topic": "payments", "Message": {"amount": 5}},
                "Catch": [{"ErrorEquals": ["Payment.Declined"], "ResultPath": "$.failure",
                  "Next": "Declined"}],
                "End": true},
              "Declined": {"Type": "Pass", "End": true}}}
            """);
    String execution = start(sfn, machine, "{}");
    String token = header(records("payments", execution).getFirst(), KafkaConnector.TOKEN_HEADER);

    // when the service replies with an error, and a heartbeat before it
    reply(Json.write(Map.of("taskToken", token, "heartbeat", true)));
    reply(
        Json.write(
            Map.of("taskToken", token, "error", "Payment.Declined", "cause", "card expired")));

    // then the Catch took it
    DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(((Map<?, ?>) Json.parse(done.output())).get("failure"))
        .isEqualTo(Map.of("Error", "Payment.Declined", "Cause", "card expired"));
  }

  @Test
  @Order(6)
  void shouldMeasureRequestResponsePublishesEndToEnd() throws Exception {
    // given a one-state machine that publishes
    SfnClient sfn = sfn();
    String machine =
        create(
            sfn,
            "rate",
            """
            {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
              "Resource": "arn:aws:states:::kafka:publish",
              "Parameters": {"Topic": "rate", "Message.$": "$"}, "End": true}}}
            """);
    start(sfn, machine, "{\"warm\": true}");

    // when many executions publish at once
    int count = 300;
    long began = System.nanoTime();
    List<String> executions = new ArrayList<>();
    try (ExecutorService starters = Executors.newFixedThreadPool(8)) {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        started.add(starters.submit(() -> start(sfn, machine, "{\"n\": " + n + "}")));
      }
      for (Future<String> f : started) {
        executions.add(f.get());
      }
    }
    await(Duration.ofSeconds(40), () -> succeeded(sfn, machine) >= count + 1);
    double seconds = (System.nanoTime() - began) / 1e9;

    // then all of them succeeded; the rate is printed, not asserted
    System.out.printf(
        "Kafka request-response publishes end to end: %d in %.2f s = %.0f messages/s"
            + " (%d CPUs, %d MiB max heap, embedded KRaft broker and H2 in the same JVM)%n",
        count,
        seconds,
        count / seconds,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    assertThat(executions).hasSize(count);
  }

  @Test
  @Order(10)
  void shouldRetryAPublishWhileTheBrokerIsDownAndSucceedOnceItIsBack() {
    // given the broker down, and a machine that retries Kafka.TimeoutException
    BrokerServer server = broker.getCluster().brokers().values().iterator().next();
    server.shutdown();
    server.awaitShutdown();
    SfnClient sfn = sfn();
    String machine =
        create(
            sfn,
            "down",
            """
            {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
              "Resource": "arn:aws:states:::kafka:publish",
              "Parameters": {"Topic": "orders-down", "Key": "o-1", "Message": {"order": 1}},
              "Retry": [{"ErrorEquals": ["Kafka.TimeoutException"], "IntervalSeconds": 1,
                "BackoffRate": 1, "MaxAttempts": 20}],
              "End": true}}}
            """);

    // when it publishes, the first attempt fails, and then the broker is back
    String execution = start(sfn, machine, "{}");
    await(
        Duration.ofSeconds(20),
        () ->
            history(sfn, execution).stream()
                .anyMatch(e -> e.type() == HistoryEventType.TASK_FAILED));
    server.startup();

    // then a retry publishes the message, and the task failed only with the timeout before
    DescribeExecutionResponse done = awaitEnd(sfn, execution, Duration.ofSeconds(40));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(history(sfn, execution))
        .filteredOn(e -> e.type() == HistoryEventType.TASK_FAILED)
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.taskFailedEventDetails().error()).isEqualTo("Kafka.TimeoutException"));
    assertThat(records("orders-down", execution)).hasSize(1);
  }

  private static String waitingMachine(SfnClient sfn, String name, String topic) {
    return create(
        sfn,
        name,
        """
        {"StartAt": "Work", "States": {"Work": {"Type": "Task",
          "Resource": "arn:aws:states:::kafka:publish.waitForTaskToken",
          "Parameters": {"Topic": "%s",
            "Message": {"token.$": "$$.Task.Token", "input.$": "$"}},
          "HeartbeatSeconds": 30, "End": true}}}
        """
            .formatted(topic));
  }

  private static String create(SfnClient sfn, String name, String definition) {
    return sfn.createStateMachine(
            r ->
                r.name("kafka-" + name + "-" + UUID.randomUUID())
                    .roleArn(ROLE)
                    .definition(definition))
        .stateMachineArn();
  }

  private static String start(SfnClient sfn, String machine, String input) {
    return sfn.startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn();
  }

  private static long succeeded(SfnClient sfn, String machine) {
    return sfn
        .listExecutionsPaginator(
            r ->
                r.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED).maxResults(1000))
        .executions()
        .stream()
        .count();
  }

  private static List<HistoryEvent> history(SfnClient sfn, String execution) {
    return sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(1000)).events();
  }

  private static DescribeExecutionResponse awaitEnd(
      SfnClient sfn, String execution, Duration timeout) {
    DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
    await(
        timeout,
        () -> {
          last[0] = sfn.describeExecution(r -> r.executionArn(execution));
          return last[0].status() != ExecutionStatus.RUNNING;
        });
    return last[0];
  }

  private static void await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The records on {@code topic} that {@code execution} published, waiting for at least one. */
  private static List<ConsumerRecord<String, String>> records(String topic, String execution) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> found = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (execution.equals(header(record, KafkaConnector.EXECUTION_HEADER))) {
            found.add(record);
          }
        }
      }
      // anything else it published would be right behind
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        if (execution.equals(header(record, KafkaConnector.EXECUTION_HEADER))) {
          found.add(record);
        }
      }
      assertThat(found).as("records of %s on %s", execution, topic).isNotEmpty();
      return found;
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void reply(String json) {
    try {
      service.send(new ProducerRecord<>(REPLIES, json)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
