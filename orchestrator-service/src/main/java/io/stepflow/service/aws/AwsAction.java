package io.stepflow.service.aws;

import java.util.Map;

/**
 * One action of the AWS Step Functions API ({@code X-Amz-Target: AWSStepFunctions.<name>}). Each
 * feature contributes its actions as beans.
 */
public interface AwsAction {

  /** The action name, for example {@code StartExecution}. */
  String name();

  /** Handles the request's JSON object and returns the response's. */
  Map<String, Object> handle(AwsRequest request);
}
