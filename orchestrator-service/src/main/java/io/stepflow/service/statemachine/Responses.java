package io.stepflow.service.statemachine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds response objects in AWS's shapes. */
final class Responses {

  private Responses() {}

  /** An object of name/value pairs in order; pairs whose value is null are left out. */
  static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        object.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return object;
  }

  /** AWS's timestamp: seconds since the epoch as a number with a fraction (milliseconds). */
  static BigDecimal date(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  static List<Map<String, Object>> routing(List<Route> routes) {
    return routes.stream()
        .map(
            r -> object("stateMachineVersionArn", r.stateMachineVersionArn(), "weight", r.weight()))
        .toList();
  }
}
