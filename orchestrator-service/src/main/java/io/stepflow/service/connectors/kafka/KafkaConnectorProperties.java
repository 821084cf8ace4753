package io.stepflow.service.connectors.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka Task connector ({@code arn:aws:states:::kafka:publish[.waitForTaskToken]}) and its
 * reply-topic consumer, under {@code stepflow.connectors.kafka.*}. See docs/connectors.md.
 *
 * @param enabled whether Kafka Tasks are served and the reply topic consumed; off, no client is
 *     created and kafka:publish is refused at CreateStateMachine. Default {@code false}, so the
 *     embedded default needs no broker.
 * @param bootstrapServers the brokers the clients first contact. Default {@code localhost:9092}.
 * @param replyTopic the topic services publish task replies ({@code taskToken} with {@code output},
 *     {@code error}/{@code cause}, or {@code heartbeat}) to. Default {@code stepflow-task-replies}.
 * @param consumerGroup the consumer group every orchestrator instance reads the reply topic in, so
 *     that each reply is handled by one of them. Default {@code stepflow-orchestrator}.
 * @param replyConsumers the reply-topic consumer threads per instance (at most the topic's
 *     partitions are busy). Default {@code 1}.
 * @param deliveryTimeout how long a publish may take in all, broker retries and waiting for
 *     metadata included (the producer's {@code delivery.timeout.ms} and {@code max.block.ms}); then
 *     the task fails with Kafka.TimeoutException. Must exceed {@code requestTimeout}. Default
 *     {@code 30s}.
 * @param requestTimeout how long the producer waits for one broker answer before retrying ({@code
 *     request.timeout.ms}). Default {@code 10s}.
 * @param pollTimeout how long the reply consumer waits in one poll. Default {@code 1s}.
 * @param maxReplyRetryInterval the longest pause between attempts at a reply that failed for a
 *     passing reason (the database unreachable); such a reply is retried, the pause doubling from
 *     0.5 s up to this. Default {@code 30s}.
 * @param properties further Kafka client settings for both producer and consumer, such as {@code
 *     security.protocol} or {@code sasl.jaas.config}; they cannot turn off idempotence or acks=all.
 *     Default none.
 */
@ConfigurationProperties("stepflow.connectors.kafka")
public record KafkaConnectorProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("localhost:9092") List<String> bootstrapServers,
    @DefaultValue("stepflow-task-replies") String replyTopic,
    @DefaultValue("stepflow-orchestrator") String consumerGroup,
    @DefaultValue("1") int replyConsumers,
    @DefaultValue("30s") Duration deliveryTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("1s") Duration pollTimeout,
    @DefaultValue("30s") Duration maxReplyRetryInterval,
    Map<String, String> properties) {

  public KafkaConnectorProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (enabled && deliveryTimeout.compareTo(requestTimeout) <= 0) {
      throw new IllegalArgumentException(
          "Expected stepflow.connectors.kafka.delivery-timeout to exceed request-timeout ("
              + requestTimeout
              + "), but found "
              + deliveryTimeout);
    }
  }
}
