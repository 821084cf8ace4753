package io.stepflow.service.connectors.kafka;

import io.stepflow.service.execution.TaskCallbackService;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka connector and the reply-topic consumer, when {@code stepflow.connectors.kafka.enabled}.
 * Their clients are built from {@link KafkaConnectorProperties} alone, not from {@code
 * spring.kafka.*}, so that they neither take nor disturb settings meant for other Kafka use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stepflow.connectors.kafka.enabled")
class KafkaConnectorConfiguration {

  @Bean(destroyMethod = "close")
  KafkaConnector kafkaConnector(KafkaConnectorProperties properties) {
    Map<String, Object> config = common(properties);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.deliveryTimeout().toMillis());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.deliveryTimeout().toMillis());
    config.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.requestTimeout().toMillis());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaTemplate<String, String> template =
        new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    // the connector logs failures itself, without the message (which may hold a task token)
    template.setProducerListener(new ProducerListener<>() {});
    return new KafkaConnector(template);
  }

  @Bean
  ConcurrentMessageListenerContainer<String, String> stepflowKafkaReplyContainer(
      KafkaConnectorProperties properties, TaskCallbackService callbacks) {
    Map<String, Object> config = common(properties);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ContainerProperties container = new ContainerProperties(properties.replyTopic());
    container.setGroupId(properties.consumerGroup());
    container.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    container.setPollTimeout(properties.pollTimeout().toMillis());
    container.setMessageListener(new KafkaReplyListener(callbacks));
    ConcurrentMessageListenerContainer<String, String> replies =
        new ConcurrentMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(config), container);
    replies.setConcurrency(properties.replyConsumers());
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(properties.maxReplyRetryInterval().toMillis());
    replies.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    return replies;
  }

  private static Map<String, Object> common(KafkaConnectorProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.properties());
    config.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", properties.bootstrapServers()));
    return config;
  }
}
