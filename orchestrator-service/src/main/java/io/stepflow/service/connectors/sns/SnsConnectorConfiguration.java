package io.stepflow.service.connectors.sns;

import io.stepflow.connectors.sns.SnsConnector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SNS connector, when {@code stepflow.connectors.sns.enabled}; without it the embedded default
 * needs no SNS and refuses SNS Tasks when a state machine is created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stepflow.connectors.sns.enabled")
class SnsConnectorConfiguration {

  @Bean(destroyMethod = "close")
  SnsConnector snsConnector(SnsConnectorProperties properties) {
    return new SnsConnector(properties.toSettings());
  }
}
