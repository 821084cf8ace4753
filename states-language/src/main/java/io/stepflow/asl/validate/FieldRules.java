package io.stepflow.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields each state type allows, in each query language, and which of them exclude each
 * other.
 */
final class FieldRules {

  static final Set<String> TYPES =
      Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

  /** Fields that only the JSONPath query language has. */
  static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath",
          "OutputPath",
          "Parameters",
          "ResultSelector",
          "ResultPath",
          "Result",
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "ErrorPath",
          "CausePath",
          "MaxConcurrencyPath",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentagePath");

  /** Fields that only the JSONata query language has. */
  static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> FLOW = Set.of("Next", "End");
  private static final Set<String> ERROR_HANDLING = Set.of("Retry", "Catch");

  private static final Map<String, Set<String>> BOTH =
      Map.of(
          "Pass", union(FLOW, Set.of("Assign")),
          "Task",
              union(
                  FLOW,
                  ERROR_HANDLING,
                  Set.of(
                      "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "Assign")),
          "Choice", Set.of("Choices", "Default", "Assign"),
          "Wait", union(FLOW, Set.of("Seconds", "Timestamp", "Assign")),
          "Succeed", Set.of(),
          "Fail", Set.of("Error", "Cause"),
          "Parallel", union(FLOW, ERROR_HANDLING, Set.of("Branches", "Assign")),
          "Map",
              union(
                  FLOW,
                  ERROR_HANDLING,
                  Set.of(
                      "ItemProcessor",
                      "Iterator",
                      "ItemSelector",
                      "ItemReader",
                      "ItemBatcher",
                      "ResultWriter",
                      "MaxConcurrency",
                      "ToleratedFailureCount",
                      "ToleratedFailurePercentage",
                      "Label",
                      "Assign")));

  private static final Map<String, Set<String>> JSONPATH =
      Map.of(
          "Pass", Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Result"),
          "Task",
              Set.of(
                  "InputPath",
                  "OutputPath",
                  "ResultPath",
                  "Parameters",
                  "ResultSelector",
                  "TimeoutSecondsPath",
                  "HeartbeatSecondsPath"),
          "Choice", Set.of("InputPath", "OutputPath"),
          "Wait", Set.of("InputPath", "OutputPath", "SecondsPath", "TimestampPath"),
          "Succeed", Set.of("InputPath", "OutputPath"),
          "Fail", Set.of("ErrorPath", "CausePath"),
          "Parallel",
              Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector"),
          "Map",
              Set.of(
                  "InputPath",
                  "OutputPath",
                  "ResultPath",
                  "Parameters",
                  "ResultSelector",
                  "ItemsPath",
                  "MaxConcurrencyPath",
                  "ToleratedFailureCountPath",
                  "ToleratedFailurePercentagePath"));

  private static final Map<String, Set<String>> JSONATA =
      Map.of(
          "Pass", Set.of("Output"),
          "Task", Set.of("Arguments", "Output"),
          "Choice", Set.of("Output"),
          "Wait", Set.of("Output"),
          "Succeed", Set.of("Output"),
          "Fail", Set.of(),
          "Parallel", Set.of("Arguments", "Output"),
          "Map", Set.of("Items", "Output"));

  /** Pairs of fields a state may not have together. */
  private static final List<List<String>> EXCLUSIVE =
      List.of(
          List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
          List.of("TimeoutSeconds", "TimeoutSecondsPath"),
          List.of("HeartbeatSeconds", "HeartbeatSecondsPath"),
          List.of("Error", "ErrorPath"),
          List.of("Cause", "CausePath"),
          List.of("MaxConcurrency", "MaxConcurrencyPath"),
          List.of("ToleratedFailureCount", "ToleratedFailureCountPath"),
          List.of("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
          List.of("ItemSelector", "Parameters"),
          List.of("ItemProcessor", "Iterator"));

  private FieldRules() {}

  static void check(StateSite site) {
    String type = site.type();
    Set<String> mine = allowed(type, site.jsonata());
    Set<String> other = allowed(type, !site.jsonata());
    for (String field : site.state().keySet()) {
      if (mine.contains(field)) {
        continue;
      }
      if (other.contains(field)) {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at(field),
                "Expected only "
                    + (site.jsonata() ? "JSONata" : "JSONPath")
                    + " fields in "
                    + site.describe()
                    + ", but found the "
                    + (site.jsonata() ? "JSONPath" : "JSONata")
                    + " field '"
                    + field
                    + "'");
      } else {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at(field),
                "Expected only the fields "
                    + new TreeSet<>(mine)
                    + " in "
                    + site.describe()
                    + ", but found '"
                    + field
                    + "'");
      }
    }
    for (List<String> group : EXCLUSIVE) {
      List<String> present = group.stream().filter(site::has).toList();
      if (present.size() > 1) {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at(present.get(1)),
                "Expected at most one of " + group + ", but found " + present);
      }
    }
  }

  static Set<String> allowed(String type, boolean jsonata) {
    return union(COMMON, BOTH.get(type), (jsonata ? JSONATA : JSONPATH).get(type));
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }
}
