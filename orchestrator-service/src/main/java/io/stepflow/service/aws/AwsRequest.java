package io.stepflow.service.aws;

import io.stepflow.service.StepflowException;
import java.util.List;
import java.util.Map;

/**
 * An AWS JSON 1.0 request body, with typed readers that reject a missing or mistyped field with
 * AWS's ValidationException, naming the field and what was expected.
 */
public record AwsRequest(Map<String, Object> body) {

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null || value.isEmpty()) {
      throw StepflowException.invalid(field, "a non-empty string", body.get(field));
    }
    return value;
  }

  public String optionalString(String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    throw StepflowException.invalid(field, "a string", value);
  }

  public boolean optionalBoolean(String field, boolean fallback) {
    Object value = body.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw StepflowException.invalid(field, "true or false", value);
  }

  public int optionalInt(String field, int fallback, int min, int max) {
    Object value = body.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n
        && n.doubleValue() == n.intValue()
        && n.intValue() >= min
        && n.intValue() <= max) {
      return n.intValue();
    }
    throw StepflowException.invalid(field, "a whole number from " + min + " to " + max, value);
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> optionalObjects(String field) {
    Object value = body.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
      return (List<Map<String, Object>>) list;
    }
    throw StepflowException.invalid(field, "a list of objects", value);
  }

  @SuppressWarnings("unchecked")
  public List<String> optionalStrings(String field) {
    Object value = body.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return (List<String>) list;
    }
    throw StepflowException.invalid(field, "a list of strings", value);
  }
}
