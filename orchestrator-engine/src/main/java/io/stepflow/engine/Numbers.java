package io.stepflow.engine;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the numbers and timestamps that Wait and Map take from data, with AWS's errors. */
final class Numbers {

  /** Stands for "the path matched nothing". */
  static final Object ABSENT = new Object();

  private Numbers() {}

  static long secondsPathValue(Object value, String path) {
    if (!(value instanceof Number n) || !isWhole(n)) {
      throw Run.runtime(
          "The SecondsPath parameter cannot be parsed as a long value: "
              + path
              + " == "
              + Json.write(value));
    }
    long seconds = n.longValue();
    if (seconds < 0) {
      throw Run.runtime(
          "The SecondsPath parameter references a negative value: " + path + " == " + seconds);
    }
    return seconds;
  }

  static long wholeSeconds(Object value, String field, Object expression) {
    if (value instanceof Number n && isWhole(n) && n.longValue() >= 0) {
      return n.longValue();
    }
    throw new StatesError(
        ErrorNames.QUERY_EVALUATION_ERROR,
        "The JSONata expression '"
            + JsonataText.strip(expression)
            + "' specified for the field '"
            + field
            + "' returned an unexpected result type. Expected 'integer', but was '"
            + Json.typeName(value)
            + "' for value: "
            + Json.write(value));
  }

  static Instant timestampPathValue(Object value, String path) {
    Instant parsed = value instanceof String text ? parse(text) : null;
    if (parsed == null) {
      throw Run.runtime(
          "The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
              + " date-time format string: "
              + path
              + " == "
              + (value instanceof String text ? text : Json.write(value)));
    }
    return parsed;
  }

  static Instant timestamp(Object value, String field, Object expression, boolean jsonata) {
    Instant parsed = value instanceof String text ? parse(text) : null;
    if (parsed == null) {
      throw new StatesError(
          jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
          "The "
              + field
              + " field cannot be parsed as an ISO-8601 extended offset date-time format string: "
              + (value instanceof String text ? text : Json.write(value)));
    }
    return parsed;
  }

  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static boolean isWhole(Number n) {
    BigDecimal d = Json.toBigDecimal(n);
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /** An integer read through a *Path field (MaxConcurrencyPath, ToleratedFailureCountPath). */
  static int integerPathValue(Object value, String field, String path) {
    if (value instanceof Number n && isWhole(n)) {
      return n.intValue();
    }
    throw notInteger(value, field, path);
  }

  /** A whole number above zero read through a *Path field (TimeoutSecondsPath...). */
  static long positiveIntegerPathValue(Object value, String field, String path) {
    if (value instanceof Number n && isWhole(n) && n.longValue() > 0) {
      return n.longValue();
    }
    throw notInteger(value, field, path);
  }

  private static StatesError notInteger(Object value, String field, String path) {
    return Run.runtime(
        "The "
            + field
            + " field refers to value \""
            + (value instanceof String text ? text : Json.write(value))
            + "\" which is not a valid integer: "
            + path);
  }

  static double floatPathValue(Object value, String field, String path) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw Run.runtime(
        "The "
            + field
            + " field refers to value \""
            + (value instanceof String text ? text : Json.write(value))
            + "\" which is not a valid float: "
            + path);
  }

  /** The expression text of a JSONata field, without its {% %} braces. */
  static final class JsonataText {
    private JsonataText() {}

    static String strip(Object expression) {
      String text = String.valueOf(expression).strip();
      if (text.startsWith("{%") && text.endsWith("%}")) {
        return text.substring(2, text.length() - 2).strip();
      }
      return text;
    }
  }
}
