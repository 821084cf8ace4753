package io.stepflow.asl.validate;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The value rules of the simple states: Wait's duration or date, Fail's Error and Cause. */
final class PlainStateRules {

  private static final List<String> WAIT_FIELDS =
      List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");

  private PlainStateRules() {}

  static void check(StateSite site) {
    switch (site.type()) {
      case "Wait" -> waitState(site);
      case "Fail" -> failState(site);
      default -> {
        // Pass and Succeed have nothing beyond their fields and paths.
      }
    }
  }

  private static void waitState(StateSite site) {
    if (WAIT_FIELDS.stream().noneMatch(site::has)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.location(),
              "Expected one of " + WAIT_FIELDS + " in a Wait state, but found none");
    }
    NumberRules.integerAtLeast(
        site.state(), site.location(), "Seconds", 0, site.jsonata(), site.report());
    if (site.has("Timestamp")) {
      Object timestamp = site.get("Timestamp");
      boolean expression = site.jsonata() && JsonataRules.isExpression(timestamp);
      if (!expression && !isTimestamp(timestamp)) {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at("Timestamp"),
                "Expected Timestamp to be an ISO-8601 date-time such as"
                    + " \"2016-03-14T01:59:00Z\", but found "
                    + Values.describe(timestamp));
      }
    }
  }

  private static void failState(StateSite site) {
    for (String field : List.of("Error", "Cause")) {
      if (site.has(field) && !(site.get(field) instanceof String)) {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at(field),
                "Expected "
                    + field
                    + " to be a string, but found "
                    + Values.describe(site.get(field)));
      }
    }
  }

  private static boolean isTimestamp(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
