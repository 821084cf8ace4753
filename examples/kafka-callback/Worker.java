// The example's payment service: reads the orders the state machine publishes to the request topic
// and answers each on Stepflow's reply topic with the order's task token, which completes the
// waiting Task. An amount above 1000 is declined (an error reply, caught by the machine), any
// other is charged (an output reply).
//
// A single-file program: run.sh starts it with Kafka's clients on the class path,
//   java -cp "$(cat kafka/target/classpath.txt)" Worker.java
// Settings from the environment: KAFKA_BOOTSTRAP (127.0.0.1:9092), KAFKA_REQUEST_TOPIC (orders),
// KAFKA_REPLY_TOPIC (stepflow-task-replies, the service's stepflow.connectors.kafka.reply-topic).
// Stop it with Ctrl-C (run.sh stops it for you).

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

class Worker {

  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String bootstrap = env("KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String requests = env("KAFKA_REQUEST_TOPIC", "orders");
    String replies = env("KAFKA_REPLY_TOPIC", "stepflow-task-replies");
    createTopics(bootstrap, List.of(requests, replies));

    var consumer =
        new KafkaConsumer<String, String>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-callback-worker",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            new StringDeserializer(),
            new StringDeserializer());
    var producer =
        new KafkaProducer<String, String>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(),
            new StringSerializer());
    consumer.subscribe(List.of(requests));
    System.err.printf("worker: reading %s on %s, replying on %s%n", requests, bootstrap, replies);
    while (true) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
        String reply = answer(record);
        if (reply != null) {
          producer.send(new ProducerRecord<>(replies, record.key(), reply)).get();
        }
      }
      consumer.commitSync(); // after the replies are on the reply topic: at least once
    }
  }

  /** The reply to one order, or null for a record that is no order. */
  static String answer(ConsumerRecord<String, String> record) throws Exception {
    var order = (ObjectNode) JSON.readTree(record.value());
    // The definition put the token in the body ("taskToken.$": "$$.Task.Token"); Stepflow also
    // sends it as the header stepflow-task-token.
    String token = order.path("taskToken").asText(header(record, "stepflow-task-token"));
    if (token == null || token.isEmpty()) {
      System.err.printf("worker: skipped %s: no task token%n", record.value());
      return null;
    }
    String orderId = order.path("orderId").asText();
    double amount = order.path("amount").asDouble();
    ObjectNode reply = JSON.createObjectNode().put("taskToken", token);
    if (amount > 1000) {
      reply.put("error", "Payment.Declined").put("cause", "amount " + amount + " above the limit");
      System.err.printf("worker: order %s (%s) declined%n", orderId, amount);
    } else {
      reply
          .putObject("output")
          .put("orderId", orderId)
          .put("charged", amount)
          .put("worker", "kafka-worker");
      System.err.printf("worker: order %s (%s) charged%n", orderId, amount);
    }
    return JSON.writeValueAsString(reply);
  }

  /** Creates the topics unless they exist, so that a broker without auto-creation works too. */
  static void createTopics(String bootstrap, List<String> names) throws Exception {
    try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      for (String name : names) {
        try {
          admin
              .createTopics(List.of(new NewTopic(name, Optional.empty(), Optional.empty())))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
