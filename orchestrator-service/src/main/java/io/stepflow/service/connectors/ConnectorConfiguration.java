package io.stepflow.service.connectors;

import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.connectors.ConnectorDispatcher;
import io.stepflow.connectors.http.HttpConnector;
import io.stepflow.connectors.job.JobConnector;
import io.stepflow.connectors.job.JobPolls;
import io.stepflow.connectors.lambda.LambdaConnector;
import io.stepflow.service.connectors.job.InboxTaskOutcomes;
import io.stepflow.service.execution.CommandInbox;
import java.time.Clock;
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

  /**
   * The .sync job connector (job:run.sync, batch:submitJob[.sync]); on unless
   * stepflow.connectors.job.enabled=false. Its polls live in the database, and tasks it takes over
   * from a dead instance report into the command inbox.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnBooleanProperty(name = "stepflow.connectors.job.enabled", matchIfMissing = true)
  JobConnector jobConnector(
      JobConnectorProperties properties, JobPolls polls, CommandInbox inbox, Clock clock) {
    return new JobConnector(
        properties.toSettings(), polls, clock, new InboxTaskOutcomes(inbox, clock));
  }

  /** Activities always pass; any other resource needs a connector that serves its pattern. */
  @Bean
  ResourceCheck connectorResourceCheck(ConnectorDispatcher dispatcher) {
    return dispatcher::problem;
  }
}
