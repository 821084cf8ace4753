package io.stepflow.service.aws;

import io.stepflow.asl.json.Json;
import io.stepflow.service.StepflowException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
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

  /**
   * Reads and writes the servlet's streams itself: the body is one JSON document each way, and the
   * message-converter machinery cost more than the action for a short StartExecution.
   */
  @PostMapping(path = "/", headers = "X-Amz-Target")
  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String target = request.getHeader("X-Amz-Target");
    int status;
    byte[] body;
    try {
      AwsAction action = action(target);
      Map<String, Object> parsed = parse(readBody(request));
      body = Json.write(action.handle(new AwsRequest(parsed))).getBytes(StandardCharsets.UTF_8);
      status = HttpServletResponse.SC_OK;
    } catch (StepflowException e) {
      status =
          e.kind() == StepflowException.Kind.INTERNAL
              ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
              : HttpServletResponse.SC_BAD_REQUEST;
      body = error(response, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("Unexpected failure of {}", target, e);
      status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
      body = error(response, "InternalServerError", "The service failed: " + e.getMessage());
    }
    response.setStatus(status);
    response.setContentType(AwsErrors.AMZ_JSON.toString());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String readBody(HttpServletRequest request) throws IOException {
    return new String(request.getInputStream().readAllBytes(), charset(request));
  }

  private static java.nio.charset.Charset charset(HttpServletRequest request) {
    String name = request.getCharacterEncoding();
    try {
      return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new StepflowException(
          "SerializationException",
          StepflowException.Kind.INVALID,
          "Expected the request's charset to be UTF-8, but found '" + name + "'");
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

  private static byte[] error(HttpServletResponse response, String code, String message) {
    response.setHeader("x-amzn-ErrorType", code);
    return AwsErrors.body(code, message).getBytes(StandardCharsets.UTF_8);
  }
}
