package io.stepflow.service.statemachine;

import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsRequest;
import java.util.Map;
import java.util.function.Function;

/** An {@link AwsAction} made of its name and a handler. */
record NamedAction(String name, Function<AwsRequest, Map<String, Object>> handler)
    implements AwsAction {

  @Override
  public Map<String, Object> handle(AwsRequest request) {
    return handler.apply(request);
  }
}
