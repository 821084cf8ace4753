package io.stepflow.service.connectors.kafka;

import io.stepflow.asl.json.Json;
import io.stepflow.service.StepflowException;
import io.stepflow.service.execution.TaskCallbackService;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Completes tasks from the reply topic: {@code {"taskToken", "output"}} succeeds one, {@code
 * {"taskToken", "error", "cause"}} fails it, {@code {"taskToken", "heartbeat": true}} records a
 * heartbeat. The offset is committed only after the callback's transaction committed, so a crash in
 * between delivers the reply again; the token then names no open task (TaskDoesNotExist), and that
 * reply, like any the service refuses (a malformed token, output that is not JSON or too large, a
 * record that is not a reply), is logged and acknowledged. Anything else (the database unreachable)
 * is thrown to the container, which tries the reply again after a pause.
 */
final class KafkaReplyListener implements AcknowledgingMessageListener<String, String> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaReplyListener.class);

  private final TaskCallbackService callbacks;

  KafkaReplyListener(TaskCallbackService callbacks) {
    this.callbacks = callbacks;
  }

  @Override
  public void onMessage(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
    handle(record);
    acknowledgment.acknowledge();
  }

  private void handle(ConsumerRecord<String, String> record) {
    Map<?, ?> reply = reply(record);
    if (reply == null) {
      return;
    }
    String token = (String) reply.get("taskToken");
    try {
      if (reply.containsKey("error") || reply.containsKey("cause")) {
        callbacks.fail(token, text(reply.get("error")), text(reply.get("cause")));
      } else if (Boolean.TRUE.equals(reply.get("heartbeat"))) {
        callbacks.heartbeat(token);
      } else if (reply.containsKey("output")) {
        callbacks.succeed(token, Json.write(reply.get("output")));
      } else {
        ignore(record, "it has none of output, error, cause or heartbeat: true");
      }
    } catch (StepflowException e) {
      if (e.kind() == StepflowException.Kind.INTERNAL) {
        throw e;
      }
      LOG.info(
          "Reply at {}-{}@{} completed nothing: {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.code(),
          e.getMessage());
    }
  }

  private static Map<?, ?> reply(ConsumerRecord<String, String> record) {
    Object parsed;
    try {
      parsed = record.value() == null ? null : Json.parse(record.value());
    } catch (RuntimeException e) {
      ignore(record, "it is not JSON text: " + e.getMessage());
      return null;
    }
    if (!(parsed instanceof Map<?, ?> reply)) {
      ignore(record, "it is not a JSON object");
      return null;
    }
    if (!(reply.get("taskToken") instanceof String)) {
      ignore(record, "it has no string taskToken");
      return null;
    }
    return reply;
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof String s ? s : Json.write(value);
  }

  private static void ignore(ConsumerRecord<String, String> record, String why) {
    LOG.warn(
        "Skipped the record at {}-{}@{}, since {}",
        record.topic(),
        record.partition(),
        record.offset(),
        why);
  }
}
