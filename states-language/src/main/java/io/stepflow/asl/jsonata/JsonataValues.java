package io.stepflow.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts values at the boundary between the plain-Java JSON model ({@link
 * io.stepflow.asl.json.Json}) and the dashjoin JSONata library.
 *
 * <p>Going in, maps and lists are handed over as they are (the library only reads them); only a
 * top-level JSON null needs the library's null marker, because a bare Java null means "undefined"
 * there. Coming out, everything is copied into fresh maps and lists, the library's null marker
 * becomes null, and numbers are brought to the shapes AWS writes: an integral double such as 3.0
 * becomes the integer 3.
 */
final class JsonataValues {

  private static final double LONG_LIMIT = 0x1p63;

  private JsonataValues() {}

  /** A JSON value as a JSONata binding: a top-level null becomes the library's null marker. */
  static Object toJsonata(Object value) {
    return value == null ? Jsonata.NULL_VALUE : value;
  }

  /** Thrown when a result holds something JSON cannot carry, such as a function. */
  static final class UnsupportedResultException extends RuntimeException {
    UnsupportedResultException() {
      super(null, null, false, false);
    }
  }

  /**
   * A JSONata result as a plain JSON value. The caller handles an undefined (Java null) top-level
   * result before calling this.
   *
   * @throws UnsupportedResultException for functions, regular expressions and other non-JSON values
   */
  static Object fromJsonata(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return null;
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(String.valueOf(e.getKey()), fromJsonata(e.getValue()));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(fromJsonata(item));
      }
      return copy;
    }
    throw new UnsupportedResultException();
  }

  /**
   * A number in the canonical JSON shapes: Integer, Long or BigInteger when integral, else
   * BigDecimal.
   */
  static Object number(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof BigInteger) {
      return n;
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Short || n instanceof Byte) {
      return n.intValue();
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new UnsupportedResultException();
    }
    if (d == Math.rint(d)) {
      if (Math.abs(d) < LONG_LIMIT) {
        long l = (long) d;
        if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
          return (int) l;
        }
        return l;
      }
      return BigDecimal.valueOf(d).toBigIntegerExact();
    }
    // BigDecimal.valueOf uses the shortest decimal text that reads back as the same double, which
    // is what JavaScript (and so AWS) prints: 0.1 + 0.2 gives 0.30000000000000004.
    return BigDecimal.valueOf(d);
  }
}
