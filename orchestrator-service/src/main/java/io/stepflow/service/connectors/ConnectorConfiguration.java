package io.stepflow.service.connectors;

import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.connectors.ConnectorDispatcher;
import io.stepflow.connectors.http.HttpConnector;
import io.stepflow.connectors.job.JobConnector;
import io.stepflow.connectors.lambda.LambdaConnector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connectors the service runs Tasks with, and the check that refuses, at CreateStateMachine and
 * UpdateStateMachine (and ValidateStateMachineDefinition, TestState), a Task resource or
 * integration pattern that none of them serves.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

  @Bean(destroyMethod = "close")
  HttpConnector httpConnector(HttpConnectorProperties properties) {
    return new HttpConnector(properties.toSettings());
  }

  @Bean(destroyMethod = "close")
  LambdaConnector lambdaConnector(LambdaConnectorProperties properties) {
    return new LambdaConnector(properties.toSettings());
  }

  /** The .sync job connector (job:run.sync); on unless stepflow.connectors.job.enabled=false. */
  @Bean(destroyMethod = "close")
  @ConditionalOnBooleanProperty(name = "stepflow.connectors.job.enabled", matchIfMissing = true)
  JobConnector jobConnector(JobConnectorProperties properties) {
    return new JobConnector(properties.toSettings());
  }

  /** Activities always pass; any other resource needs a connector that serves its pattern. */
  @Bean
  ResourceCheck connectorResourceCheck(ConnectorDispatcher dispatcher) {
    return dispatcher::problem;
  }
}
