package io.stepflow.asl.choice;

import io.stepflow.asl.json.Json;
import java.time.Instant;

/** The type a comparison works on; the prefix of the operator name. */
enum ValueKind {
  STRING("String"),
  NUMERIC("Numeric"),
  BOOLEAN("Boolean"),
  TIMESTAMP("Timestamp");

  private final String prefix;

  ValueKind(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** Whether a value is of this kind (a timestamp being a string in RFC 3339 form). */
  boolean accepts(Object value) {
    return switch (this) {
      case STRING -> value instanceof String;
      case NUMERIC -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case TIMESTAMP -> value instanceof String text && Timestamps.parse(text) != null;
    };
  }

  /**
   * Compares two values of this kind.
   *
   * @return the {@code compareTo} result, or null when either value is not of this kind
   */
  Integer compare(Object left, Object right) {
    switch (this) {
      case STRING -> {
        if (left instanceof String a && right instanceof String b) {
          return a.compareTo(b);
        }
      }
      case NUMERIC -> {
        if (left instanceof Number a && right instanceof Number b) {
          return Json.toBigDecimal(a).compareTo(Json.toBigDecimal(b));
        }
      }
      case BOOLEAN -> {
        if (left instanceof Boolean a && right instanceof Boolean b) {
          return a.compareTo(b);
        }
      }
      case TIMESTAMP -> {
        if (left instanceof String a && right instanceof String b) {
          Instant x = Timestamps.parse(a);
          Instant y = Timestamps.parse(b);
          if (x != null && y != null) {
            return x.compareTo(y);
          }
        }
      }
    }
    return null;
  }
}
