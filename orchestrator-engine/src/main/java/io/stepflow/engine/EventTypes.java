package io.stepflow.engine;

import java.util.Map;

/** AWS's history event types and the field each one's details live in. */
final class EventTypes {

  private static final Map<String, String> SPECIAL =
      Map.ofEntries(
          Map.entry("MapStateStarted", "mapStateStartedEventDetails"),
          Map.entry("MapIterationStarted", "mapIterationStartedEventDetails"),
          Map.entry("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
          Map.entry("MapIterationFailed", "mapIterationFailedEventDetails"),
          Map.entry("MapIterationAborted", "mapIterationAbortedEventDetails"),
          Map.entry("MapRunStarted", "mapRunStartedEventDetails"),
          Map.entry("MapRunFailed", "mapRunFailedEventDetails"));

  private EventTypes() {}

  static String detailsField(String type) {
    String special = SPECIAL.get(type);
    if (special != null) {
      return special;
    }
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    return switch (type) {
      case "ParallelStateStarted",
          "ParallelStateSucceeded",
          "ParallelStateFailed",
          "ParallelStateAborted",
          "MapStateSucceeded",
          "MapStateFailed",
          "MapStateAborted",
          "MapRunSucceeded",
          "LambdaFunctionStarted",
          "TaskStateAborted",
          "WaitStateAborted" ->
          null;
      default -> Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    };
  }
}
