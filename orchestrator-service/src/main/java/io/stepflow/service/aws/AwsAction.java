package io.stepflow.service.aws;

import java.util.Map;
import java.util.function.Function;

/**
 * One action of the AWS Step Functions API ({@code X-Amz-Target: AWSStepFunctions.<name>}). Each
 * feature contributes its actions as beans.
 */
public interface AwsAction {

  /** The action name, for example {@code StartExecution}. */
  String name();

  /** Handles the request's JSON object and returns the response's. */
  Map<String, Object> handle(AwsRequest request);

  /** An action from its name and handler. */
  static AwsAction of(String name, Function<AwsRequest, Map<String, Object>> handler) {
    return new AwsAction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, Object> handle(AwsRequest request) {
        return handler.apply(request);
      }
    };
  }
}
