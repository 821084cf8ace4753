package io.stepflow.service.rest;

import io.stepflow.service.StepflowException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every failure of the REST API as an RFC 9457 problem detail ({@code application/problem+json}):
 * {@code type}, {@code title}, {@code status} and {@code detail}, plus {@code code} (the service's
 * error code, as the AWS-compatible API names it) and, when one request field is at fault, {@code
 * field}. Service errors map by kind: INVALID and LIMIT_EXCEEDED 400, NOT_FOUND 404, CONFLICT 409,
 * UNAUTHORIZED 401, INTERNAL 500.
 *
 * <p>It advises the controllers of every package that serves {@code /api/v1}: this one and the
 * features that add endpoints of their own, such as nested executions' children. Not the
 * AWS-compatible API, whose errors have AWS's shape. RestApiIT fails when an {@code /api/v1}
 * handler is left outside.
 */
@RestControllerAdvice(basePackages = {"io.stepflow.service.rest", "io.stepflow.service.nested"})
class RestProblems extends ResponseEntityExceptionHandler {

  /** Problem types are URNs: stable names for a code, not links. */
  static final String TYPE_PREFIX = "urn:stepflow:problem:";

  private static final Logger log = LoggerFactory.getLogger(RestProblems.class);

  /** "Expected name to be ...": the services name the field first. */
  private static final Pattern FIELD =
      Pattern.compile("^Expected ([a-zA-Z][a-zA-Z0-9]*) (?:to|of|as) ");

  /** The services' AWS field names that the REST API calls otherwise. */
  private static final Map<String, String> REST_FIELDS =
      Map.of("nextToken", "pageToken", "maxResults", "limit");

  @ExceptionHandler(StepflowException.class)
  ResponseEntity<ProblemDetail> stepflow(StepflowException e) {
    HttpStatus status = status(e.kind());
    if (status.is5xxServerError()) {
      log.error("REST request failed: {}", e.getMessage(), e);
    }
    ProblemDetail problem = problem(status, e.code(), e.getMessage());
    if (status.is4xxClientError()) {
      String field = fieldOf(e.getMessage());
      if (field != null) {
        problem.setProperty("field", field);
      }
    }
    return ResponseEntity.status(status).body(problem);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    log.error("REST request failed unexpectedly", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "The service failed: " + e.getMessage()));
  }

  static HttpStatus status(StepflowException.Kind kind) {
    return switch (kind) {
      case INVALID, LIMIT_EXCEEDED -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
      case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  /** A body that is not JSON, or a field of the wrong type. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    JacksonException json = jacksonCause(ex);
    ProblemDetail problem;
    if (json == null) {
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "SerializationException",
              "Expected a JSON request body, but found "
                  + (ex.getMessage() != null && ex.getMessage().contains("missing")
                      ? "none"
                      : "something else: " + ex.getMessage()));
    } else if (json instanceof StreamReadException || json.getPath().isEmpty()) {
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "SerializationException",
              "Expected the request body to be JSON, but: " + withoutSource(json));
    } else {
      String field = path(json);
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "ValidationException",
              "Expected "
                  + field
                  + " to be "
                  + expected(json instanceof MismatchedInputException m ? m.getTargetType() : null)
                  + ", but: "
                  + withoutSource(json));
      problem.setProperty("field", field);
    }
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  /** A query parameter or path variable that does not convert, such as status=DONE. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex.getPropertyName();
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "ValidationException",
            "Expected "
                + field
                + " to be "
                + expected(ex.getRequiredType())
                + ", but found '"
                + ex.getValue()
                + "'");
    problem.setProperty("field", field);
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  /** Spring MVC's own problems (406, 415, missing parameters ...) get a type and code too. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
      String code = code(status);
      problem.setType(URI.create(TYPE_PREFIX + code));
      problem.setProperty("code", code);
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + code));
    problem.setTitle(title(code));
    problem.setProperty("code", code);
    return problem;
  }

  /**
   * StateMachineDoesNotExist: "State machine does not exist"; ValidationException: "Validation".
   */
  static String title(String code) {
    String words =
        code.replaceAll("Exception$", "").replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase();
    return words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD.matcher(message);
    return m.find() ? REST_FIELDS.getOrDefault(m.group(1), m.group(1)) : null;
  }

  private static String code(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    if (known == null) {
      return "Http" + status.value();
    }
    return Arrays.stream(known.name().split("_"))
        .map(w -> w.charAt(0) + w.substring(1).toLowerCase())
        .collect(Collectors.joining());
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    return "a " + type.getSimpleName();
  }

  /** Jackson's message without the "[Source: ...]" location it appends. */
  private static String withoutSource(JacksonException e) {
    String message = e.getOriginalMessage();
    int source = message.indexOf(" [Source:");
    String text = source < 0 ? message : message.substring(0, source);
    return text.replaceAll("\\s*\\(start marker at$", "").strip();
  }

  private static JacksonException jacksonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j) {
        return j;
      }
    }
    return null;
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference r : e.getPath()) {
      if (r.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
