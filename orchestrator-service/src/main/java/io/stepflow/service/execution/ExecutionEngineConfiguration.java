package io.stepflow.service.execution;

import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorDispatcher;
import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.service.AwsSettings;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine, wired to the service's clock, region, task tokens and payload limit. */
@Configuration(proxyBeanMethods = false)
class ExecutionEngineConfiguration {

  @Bean
  ExecutionProcessor executionProcessor(
      Clock clock, AwsSettings aws, TaskTokenService tokens, ExecutionSettings settings) {
    return new ExecutionProcessor(
        new ExecutionProcessor.EngineSettings(
            clock,
            new SecureRandom(), // shared by the workers' threads; draws States.UUID too
            aws.region(),
            tokens,
            (int) settings.maxPayloadSize().toBytes(),
            settings.maxHistoryEvents()));
  }

  /**
   * Tasks go to the connector that serves their Resource (every {@link Connector} bean); a Task
   * that none serves fails with States.TaskFailed saying so. Activities never reach it: workers
   * take them from their queue.
   */
  @Bean
  ConnectorDispatcher connectorDispatcher(ObjectProvider<Connector> connectors) {
    return new ConnectorDispatcher(connectors.orderedStream().toList());
  }
}
