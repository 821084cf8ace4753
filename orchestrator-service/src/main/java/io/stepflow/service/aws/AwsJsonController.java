package io.stepflow.service.aws;

import io.stepflow.asl.json.Json;
import io.stepflow.service.StepflowException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AWS JSON 1.0 protocol: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Action>}.
 * Routes to the {@link AwsAction} of that name; every failure becomes AWS's error shape, {@code
 * {"__type": "...#Code", "message": "..."}}, with HTTP 400 for client errors.
 */
@RestController
class AwsJsonController {

  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final Logger log = LoggerFactory.getLogger(AwsJsonController.class);

  private final Map<String, AwsAction> actions;

  AwsJsonController(List<AwsAction> actions) {
    this.actions =
        actions.stream()
            .collect(Collectors.toUnmodifiableMap(AwsAction::name, Function.identity()));
  }

  @PostMapping(path = "/", headers = "X-Amz-Target")
  ResponseEntity<String> handle(
      @RequestHeader("X-Amz-Target") String target, @RequestBody(required = false) String body) {
    try {
      AwsAction action = action(target);
      Map<String, Object> request = parse(body);
      return ResponseEntity.ok()
          .contentType(AwsErrors.AMZ_JSON)
          .body(Json.write(action.handle(new AwsRequest(request))));
    } catch (StepflowException e) {
      return error(
          e.kind() == StepflowException.Kind.INTERNAL
              ? HttpStatus.INTERNAL_SERVER_ERROR
              : HttpStatus.BAD_REQUEST,
          e.code(),
          e.getMessage());
    } catch (RuntimeException e) {
      log.error("Unexpected failure of {}", target, e);
      return error(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "InternalServerError",
          "The service failed: " + e.getMessage());
    }
  }

  private AwsAction action(String target) {
    String name =
        target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    AwsAction action = name == null ? null : actions.get(name);
    if (action == null) {
      throw new StepflowException(
          "UnknownOperationException",
          StepflowException.Kind.INVALID,
          "Expected X-Amz-Target to name an action of AWSStepFunctions, for example "
              + TARGET_PREFIX
              + "StartExecution, but found '"
              + target
              + "'");
    }
    return action;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String body) {
    if (body == null || body.isBlank()) {
      return Map.of();
    }
    Object json;
    try {
      json = Json.parse(body);
    } catch (RuntimeException e) {
      throw new StepflowException(
          "SerializationException",
          StepflowException.Kind.INVALID,
          "Expected the request body to be a JSON object, but it is not JSON: " + e.getMessage());
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new StepflowException(
          "SerializationException",
          StepflowException.Kind.INVALID,
          "Expected the request body to be a JSON object, but found " + Json.typeName(json));
    }
    return (Map<String, Object>) map;
  }

  private static ResponseEntity<String> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status)
        .contentType(AwsErrors.AMZ_JSON)
        .header("x-amzn-ErrorType", code)
        .body(AwsErrors.body(code, message));
  }
}
