package io.stepflow.service.execution;

import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.TaskRequest;
import io.stepflow.service.AwsSettings;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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
            RandomGenerator.of("L64X128MixRandom"),
            aws.region(),
            tokens,
            (int) settings.maxPayloadSize().toBytes(),
            settings.maxHistoryEvents()));
  }

  /**
   * Until a connector serves a resource, a Task on it fails with States.TaskFailed saying so;
   * activities never reach the dispatcher (workers take them from their queue).
   */
  @Bean
  @ConditionalOnMissingBean(TaskDispatcher.class)
  TaskDispatcher unservedResources() {
    return new TaskDispatcher() {
      @Override
      public void dispatch(TaskRequest request, TaskOutcomes outcomes) {
        outcomes.failed(
            request.executionId(),
            request.taskId(),
            "States.TaskFailed",
            "No connector serves the resource " + request.resource());
      }
    };
  }
}
