package io.stepflow.engine;

import io.stepflow.asl.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Tells whether a value's JSON text would exceed a byte limit without writing the text: it walks
 * the value, counting an upper bound for every part, and writes it for real only when that bound is
 * over the limit.
 */
final class PayloadSize {

  private PayloadSize() {}

  static boolean exceeds(Object value, int limit) {
    long bound = upperBound(value, limit);
    if (bound <= limit) {
      return false;
    }
    return Json.write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limit;
  }

  /** An upper bound of the UTF-8 size of the value's JSON text; stops early past the limit. */
  private static long upperBound(Object value, long limit) {
    if (value instanceof String s) {
      return 2 + 6L * s.length(); // every char escaped as a six-character unicode escape at worst
    }
    if (value instanceof Map<?, ?> map) {
      long size = 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size += upperBound(String.valueOf(e.getKey()), limit) + 2 + upperBound(e.getValue(), limit);
        if (size > limit) {
          return size;
        }
      }
      return size;
    }
    if (value instanceof List<?> list) {
      long size = 2;
      for (Object item : list) {
        size += upperBound(item, limit) + 1;
        if (size > limit) {
          return size;
        }
      }
      return size;
    }
    if (value instanceof Number n) {
      return n.toString().length() + 2L;
    }
    return 5; // true, false, null
  }
}
