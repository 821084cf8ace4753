package io.stepflow.engine.conformance;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.TaskRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the Lambda functions of class b cases, doing what each case's {@code lambdas[]}
 * says (identity, constant, raise), in the shape AWS returns for a bare function ARN and for {@code
 * arn:aws:states:::lambda:invoke}.
 */
final class LambdaStub implements TaskDispatcher {

  private final List<Map<String, Object>> lambdas;

  LambdaStub(List<Map<String, Object>> lambdas) {
    this.lambdas = lambdas == null ? List.of() : lambdas;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void dispatch(TaskRequest request, TaskOutcomes outcomes) {
    String resource = request.resource();
    boolean wrapped = resource.startsWith("arn:aws:states:::lambda:invoke");
    Object payload = request.parameters();
    String function = resource;
    if (wrapped && payload instanceof Map<?, ?> params) {
      function = String.valueOf(params.get("FunctionName"));
      payload = ((Map<String, Object>) params).get("Payload");
    } else if (!resource.startsWith("arn:aws:lambda:")) {
      outcomes.failed(
          request.executionId(),
          request.taskId(),
          "States.Runtime",
          "No connector serves the resource " + resource);
      return;
    }
    Map<String, Object> lambda = find(function);
    if (lambda == null || "none-created".equals(lambda.get("behaviour"))) {
      outcomes.failed(
          request.executionId(),
          request.taskId(),
          "Lambda.ResourceNotFoundException",
          "Function not found: " + function);
      return;
    }
    String handler = String.valueOf(lambda.get("handler_file"));
    switch (String.valueOf(lambda.get("behaviour"))) {
      case "identity" -> ok(request, outcomes, wrapped, payload);
      case "constant" ->
          ok(
              request,
              outcomes,
              wrapped,
              handler.endsWith("echo_function.py")
                  ? Map.of("Return", "HelloWorld")
                  : "HelloWorld!");
      case "raise" -> raise(request, outcomes, handler.endsWith("raise_custom_exception.py"));
      default -> ok(request, outcomes, wrapped, payload);
    }
  }

  private Map<String, Object> find(String function) {
    for (Map<String, Object> lambda : lambdas) {
      String arn = String.valueOf(lambda.get("arn"));
      if (arn.equals(function) || arn.endsWith(":function:" + function)) {
        return lambda;
      }
    }
    return lambdas.size() == 1 ? lambdas.get(0) : null;
  }

  private static void ok(
      TaskRequest request, TaskOutcomes outcomes, boolean wrapped, Object payload) {
    Object copy = Json.deepCopy(payload);
    if (!wrapped) {
      outcomes.succeeded(request.executionId(), request.taskId(), copy);
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ExecutedVersion", "$LATEST");
    result.put("Payload", copy);
    result.put("SdkHttpMetadata", Map.of());
    result.put("SdkResponseMetadata", Map.of("RequestId", "00000000-0000-0000-0000-000000000000"));
    result.put("StatusCode", 200);
    outcomes.succeeded(request.executionId(), request.taskId(), result);
  }

  private static void raise(TaskRequest request, TaskOutcomes outcomes, boolean custom) {
    Map<String, Object> cause = new LinkedHashMap<>();
    if (custom) {
      cause.put("errorMessage", "");
      cause.put("errorType", "CustomException");
    } else {
      cause.put("errorMessage", "Some exception was raised.");
      cause.put("errorType", "Exception");
    }
    cause.put("requestId", "00000000-0000-0000-0000-000000000000");
    cause.put(
        "stackTrace",
        List.of(
            custom
                ? "  File \"/var/task/handler.py\", line 6, in handler\n    raise CustomException()\n"
                : "  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"));
    outcomes.failed(
        request.executionId(),
        request.taskId(),
        custom ? "CustomException" : "Exception",
        Json.write(cause));
  }
}
