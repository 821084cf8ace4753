package io.stepflow.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Retry and Catch: retriers' numbers, catchers' targets, and ErrorEquals lists. */
final class RetryCatchRules {

  static final String STATES_ALL = "States.ALL";

  private static final Set<String> RETRIER_FIELDS =
      Set.of(
          "ErrorEquals",
          "IntervalSeconds",
          "MaxAttempts",
          "BackoffRate",
          "MaxDelaySeconds",
          "JitterStrategy",
          "Comment");
  private static final Set<String> JSONPATH_CATCHER_FIELDS =
      Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
  private static final Set<String> JSONATA_CATCHER_FIELDS =
      Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");

  private RetryCatchRules() {}

  static void check(StateSite site) {
    forEach(site, "Retry", (item, at) -> retrier(item, at, site.report()));
    forEach(site, "Catch", (item, at) -> catcher(item, at, site));
  }

  private static void forEach(StateSite site, String field, ItemRule rule) {
    if (!site.has(field)) {
      return;
    }
    Object value = site.get(field);
    if (!(value instanceof List<?> list)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at(field),
              "Expected " + field + " to be an array, but found " + Values.describe(value));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = Pointer.at(site.at(field), i);
      if (list.get(i) instanceof Map<?, ?> item) {
        rule.check(Values.asObject(item), at);
        errorEquals(item.get("ErrorEquals"), at, i == list.size() - 1, site.report());
      } else {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                at,
                "Expected each "
                    + field
                    + " entry to be an object, but found "
                    + Values.describe(list.get(i)));
      }
    }
  }

  private static void retrier(Map<String, Object> retrier, String at, Report report) {
    unknown(retrier, RETRIER_FIELDS, "a retrier", at, report);
    NumberRules.integerAtLeast(retrier, at, "IntervalSeconds", 1, false, report);
    NumberRules.integerAtLeast(retrier, at, "MaxAttempts", 0, false, report);
    NumberRules.integerAtLeast(retrier, at, "MaxDelaySeconds", 1, false, report);
    NumberRules.numberBetween(retrier, at, "BackoffRate", 1.0, Double.MAX_VALUE, false, report);
    if (retrier.containsKey("JitterStrategy")) {
      Object jitter = retrier.get("JitterStrategy");
      if (!"FULL".equals(jitter) && !"NONE".equals(jitter)) {
        report.error(
            Codes.INVALID_RETRIER,
            Pointer.at(at, "JitterStrategy"),
            "Expected JitterStrategy to be \"FULL\" or \"NONE\", but found "
                + Values.describe(jitter));
      }
    }
  }

  private static void catcher(Map<String, Object> catcher, String at, StateSite site) {
    Report report = site.report();
    unknown(
        catcher,
        site.jsonata() ? JSONATA_CATCHER_FIELDS : JSONPATH_CATCHER_FIELDS,
        "a catcher of " + site.describe(),
        at,
        report);
    if (!(catcher.get("Next") instanceof String)) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          catcher.containsKey("Next") ? Pointer.at(at, "Next") : at,
          "Expected a catcher to name its Next state, but found "
              + (catcher.containsKey("Next") ? Values.describe(catcher.get("Next")) : "no Next"));
    }
    if (site.jsonata()) {
      for (String field : List.of("Output", "Assign")) {
        if (catcher.containsKey(field)) {
          JsonataRules.expressions(catcher.get(field), Pointer.at(at, field), report);
        }
      }
    } else {
      if (catcher.get("ResultPath") != null) {
        PathRules.path(
            catcher.get("ResultPath"),
            Pointer.at(at, "ResultPath"),
            "ResultPath",
            Paths.Kind.RESULT,
            false,
            report);
      }
      if (catcher.get("Assign") != null) {
        PathRules.template(catcher.get("Assign"), Pointer.at(at, "Assign"), report);
      }
    }
  }

  /** A non-empty array of error names; States.ALL only alone and in the last entry. */
  private static void errorEquals(Object value, String owner, boolean last, Report report) {
    String at = Pointer.at(owner, "ErrorEquals");
    if (!(value instanceof List<?> names) || names.isEmpty()) {
      report.error(
          Codes.INVALID_ERROR_EQUALS,
          value == null ? owner : at,
          "Expected ErrorEquals to be a non-empty array of error names, but found "
              + (value == null ? "none" : Values.describe(value)));
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      if (!(names.get(i) instanceof String)) {
        report.error(
            Codes.INVALID_ERROR_EQUALS,
            Pointer.at(at, i),
            "Expected an error name, but found " + Values.describe(names.get(i)));
      }
    }
    if (names.contains(STATES_ALL) && names.size() > 1) {
      report.error(
          Codes.INVALID_ERROR_EQUALS,
          at,
          "Expected States.ALL to appear alone in ErrorEquals, but found " + names);
    } else if (names.contains(STATES_ALL) && !last) {
      report.error(
          Codes.INVALID_ERROR_EQUALS,
          at,
          "Expected States.ALL only in the last retrier or catcher, but found it in an earlier"
              + " one");
    }
  }

  private static void unknown(
      Map<String, Object> item, Set<String> allowed, String what, String at, Report report) {
    for (String field : item.keySet()) {
      if (!allowed.contains(field)) {
        report.error(
            Codes.SCHEMA_VALIDATION_FAILED,
            Pointer.at(at, field),
            "Expected only the fields "
                + new TreeSet<>(allowed)
                + " in "
                + what
                + ", but found '"
                + field
                + "'");
      }
    }
  }

  @FunctionalInterface
  private interface ItemRule {
    void check(Map<String, Object> item, String location);
  }
}
