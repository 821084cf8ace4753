package io.stepflow.service.connectors.sqs;

import io.stepflow.connectors.sqs.SqsConnector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SQS connector, when {@code stepflow.connectors.sqs.enabled}; without it the embedded default
 * needs no SQS and refuses SQS Tasks when a state machine is created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stepflow.connectors.sqs.enabled")
class SqsConnectorConfiguration {

  @Bean(destroyMethod = "close")
  SqsConnector sqsConnector(SqsConnectorProperties properties) {
    return new SqsConnector(properties.toSettings());
  }
}
