package io.stepflow.asl.json;

import io.stepflow.asl.StatesLanguageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON values as plain Java: {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link
 * Number}, {@link Boolean} and {@code null}. Every part of the language works on this one model.
 */
public final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private Json() {}

  /** Parses JSON text into plain Java values. */
  public static Object parse(String text) {
    try {
      return normalize(MAPPER.readValue(text, Object.class));
    } catch (JacksonException e) {
      throw new InvalidJsonException(
          "Expected valid JSON text, but found: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes a plain Java value as compact JSON text. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Copies maps and lists deeply so that the copy can be changed safely. */
  @SuppressWarnings("unchecked")
  public static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(deepCopy(item));
      }
      return copy;
    }
    return value;
  }

  /** Compares two values as JSON: numbers by value, maps regardless of key order. */
  public static boolean jsonEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return toBigDecimal(x).compareTo(toBigDecimal(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** Any JSON number as a BigDecimal. */
  public static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /**
   * Brings numbers to one canonical form: integral values become Integer, Long or BigInteger,
   * others BigDecimal (so that 1.50 stays 1.50 as AWS writes it back). Maps and lists are walked.
   */
  @SuppressWarnings("unchecked")
  public static Object normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      m.replaceAll((k, v) -> normalize(v));
      return m;
    }
    if (value instanceof List<?> list) {
      List<Object> l = (List<Object>) list;
      l.replaceAll(Json::normalize);
      return l;
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Float f) {
      return BigDecimal.valueOf(f.doubleValue());
    }
    return value;
  }

  /** The JSON type of a value, as used in error messages: object, array, string, number... */
  public static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value.getClass().getSimpleName();
  }

  /** Thrown for text that is not JSON. */
  public static final class InvalidJsonException extends StatesLanguageException {
    InvalidJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
