package io.stepflow.service.execution;

import io.stepflow.service.aws.AwsAction;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. */
@Configuration(proxyBeanMethods = false)
class TaskCallbackAwsActions {

  @Bean
  AwsAction sendTaskSuccess(TaskCallbackService callbacks) {
    return AwsAction.of(
        "SendTaskSuccess",
        r -> {
          callbacks.succeed(r.requiredString("taskToken"), r.requiredString("output"));
          return Map.of();
        });
  }

  @Bean
  AwsAction sendTaskFailure(TaskCallbackService callbacks) {
    return AwsAction.of(
        "SendTaskFailure",
        r -> {
          callbacks.fail(
              r.requiredString("taskToken"), r.optionalString("error"), r.optionalString("cause"));
          return Map.of();
        });
  }

  @Bean
  AwsAction sendTaskHeartbeat(TaskCallbackService callbacks) {
    return AwsAction.of(
        "SendTaskHeartbeat",
        r -> {
          callbacks.heartbeat(r.requiredString("taskToken"));
          return Map.of();
        });
  }
}
