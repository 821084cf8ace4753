package io.stepflow.asl.validate;

import io.stepflow.asl.json.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Type tests and descriptions of JSON values, for the rules and their messages. */
final class Values {

  private Values() {}

  static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  static long asLong(Object value) {
    return ((Number) value).longValue();
  }

  static boolean isNumber(Object value) {
    return value instanceof Number;
  }

  static double asDouble(Object value) {
    return ((Number) value).doubleValue();
  }

  static boolean isString(Object value) {
    return value instanceof String;
  }

  static boolean isObject(Object value) {
    return value instanceof Map;
  }

  static boolean isArray(Object value) {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object value) {
    return (Map<String, Object>) value;
  }

  static List<?> asArray(Object value) {
    return (List<?>) value;
  }

  /** A value as a message shows it: its JSON text, cut short, and its type. */
  static String describe(Object value) {
    String text = Json.write(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return Json.typeName(value) + " " + text;
  }
}
