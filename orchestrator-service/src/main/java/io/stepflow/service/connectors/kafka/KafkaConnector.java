package io.stepflow.service.connectors.kafka;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Serves {@code arn:aws:states:::kafka:publish}: Parameters Topic (required), Key, Headers (a map
 * of strings) and Message (a string is sent as it is, any other JSON value as JSON text). The
 * producer is idempotent with acks=all.
 *
 * <ul>
 *   <li>Request-response: the task succeeds with {@code {Topic, Partition, Offset}} once every
 *       in-sync replica has the message.
 *   <li>{@code .waitForTaskToken}: the message carries the task token in the header {@value
 *       #TOKEN_HEADER} (and in the body wherever the definition put {@code $$.Task.Token}); the
 *       task reports {@code {Topic, Partition, Offset}} as submitted (AWS's TaskSubmitted) once the
 *       message is published, and completes when a reply with that token arrives on the reply
 *       topic, or through SendTaskSuccess/SendTaskFailure.
 * </ul>
 *
 * <p>Errors: a publish the producer gives up on fails with {@code Kafka.<the client's exception>},
 * such as {@code Kafka.TimeoutException} when no broker took it within the delivery timeout; the
 * definition's Retry decides whether to try again. Unusable parameters fail with {@code
 * States.Runtime}. Sends start on virtual threads: the producer may block while it waits for
 * metadata, and no platform thread waits with it.
 */
public final class KafkaConnector implements Connector, AutoCloseable {

  /** The header that carries a {@code .waitForTaskToken} task's token. */
  public static final String TOKEN_HEADER = "stepflow-task-token";

  /** The header that carries the execution's ARN, for tracing. */
  public static final String EXECUTION_HEADER = "stepflow-execution-arn";

  public static final String RUNTIME = "States.Runtime";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnector.class);

  private final KafkaTemplate<String, String> template;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public KafkaConnector(KafkaTemplate<String, String> template) {
    this.template = template;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    return resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
            && resource.service().equals("kafka")
            && resource.action().equals("publish")
        ? Set.of(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN)
        : Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    ProducerRecord<String, String> record;
    try {
      record = record(task);
    } catch (BadParameter e) {
      callback.failed(RUNTIME, e.getMessage());
      return;
    }
    boolean waits = task.resource().integrationPattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    executor.execute(
        () -> {
          try {
            template
                .send(record)
                .whenComplete(
                    (result, failure) -> {
                      if (failure != null) {
                        fail(task, record, failure, callback);
                      } else if (waits) {
                        callback.submitted(output(result));
                      } else {
                        callback.succeeded(output(result));
                      }
                    });
          } catch (RuntimeException e) {
            fail(task, record, e, callback);
          }
        });
  }

  private static void fail(
      ConnectorTask task,
      ProducerRecord<String, String> record,
      Throwable failure,
      ConnectorCallback callback) {
    Throwable cause = kafkaCause(failure);
    String error = "Kafka." + cause.getClass().getSimpleName();
    LOG.warn(
        "Publishing to {} for task {} of {} failed with {}: {}",
        record.topic(),
        task.taskId(),
        task.executionArn(),
        error,
        cause.getMessage());
    callback.failed(
        error, "Expected to publish to topic " + record.topic() + ", but: " + cause.getMessage());
  }

  /** The Kafka client's own exception under Spring's and the future's wrappers. */
  static Throwable kafkaCause(Throwable failure) {
    Throwable deepest = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.apache.kafka.")) {
        return t;
      }
      deepest = t;
    }
    return deepest;
  }

  private static Map<String, Object> output(SendResult<String, String> result) {
    RecordMetadata metadata = result.getRecordMetadata();
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("Topic", metadata.topic());
    output.put("Partition", metadata.partition());
    output.put("Offset", metadata.offset());
    return output;
  }

  private static ProducerRecord<String, String> record(ConnectorTask task) {
    if (!(task.parameters() instanceof Map<?, ?> parameters)) {
      throw new BadParameter(
          "Expected Parameters to be an object with Topic, but found "
              + Json.typeName(task.parameters()));
    }
    for (Object name : parameters.keySet()) {
      if (!Set.of("Topic", "Key", "Headers", "Message").contains(name)) {
        throw new BadParameter(
            "Expected only the parameters Topic, Key, Headers and Message, but found " + name);
      }
    }
    if (!(parameters.get("Topic") instanceof String topic) || topic.isBlank()) {
      throw new BadParameter(
          "Expected the parameter Topic to be a topic name, but found "
              + Json.typeName(parameters.get("Topic")));
    }
    Object key = parameters.get("Key");
    if (key != null && !(key instanceof String)) {
      throw new BadParameter(
          "Expected the parameter Key to be a string, but found " + Json.typeName(key));
    }
    Object message = parameters.get("Message");
    String value = message == null ? null : message instanceof String s ? s : Json.write(message);
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, (String) key, value);
    Object headers = parameters.get("Headers");
    if (headers != null) {
      if (!(headers instanceof Map<?, ?> map)) {
        throw new BadParameter(
            "Expected the parameter Headers to be an object of strings, but found "
                + Json.typeName(headers));
      }
      for (Map.Entry<?, ?> header : map.entrySet()) {
        String name = (String) header.getKey();
        if (name.equalsIgnoreCase(TOKEN_HEADER) || name.equalsIgnoreCase(EXECUTION_HEADER)) {
          throw new BadParameter("Expected Headers without " + name + ", which Stepflow sets");
        }
        if (!(header.getValue() instanceof String text)) {
          throw new BadParameter(
              "Expected the header "
                  + name
                  + " to be a string, but found "
                  + Json.typeName(header.getValue()));
        }
        record.headers().add(name, text.getBytes(StandardCharsets.UTF_8));
      }
    }
    record.headers().add(EXECUTION_HEADER, task.executionArn().getBytes(StandardCharsets.UTF_8));
    if (task.taskToken() != null) {
      record.headers().add(TOKEN_HEADER, task.taskToken().getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  @Override
  public void close() {
    executor.close();
    if (template.getProducerFactory() instanceof DisposableBean producers) {
      try {
        producers.destroy();
      } catch (Exception e) {
        LOG.warn("Closing the Kafka producer failed", e);
      }
    }
  }

  private static final class BadParameter extends RuntimeException {
    BadParameter(String message) {
      super(message);
    }
  }
}
