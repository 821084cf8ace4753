package io.stepflow.asl.validate;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The fields of a machine (top-level, a Parallel branch or a Map processor) and its states. */
final class MachineRules {

  /** AWS's limit on the length of a state name. */
  static final int MAX_STATE_NAME_LENGTH = 80;

  private static final Set<String> TOP_FIELDS =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");
  private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States");
  private static final Set<String> PROCESSOR_FIELDS =
      Set.of("Comment", "StartAt", "States", "ProcessorConfig");

  private MachineRules() {}

  static void checkTop(Map<String, Object> machine, Scope scope) {
    unknownFields(machine, "", TOP_FIELDS, "a state machine", scope);
    Object version = machine.get("Version");
    if (machine.containsKey("Version") && !(version instanceof String)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          "/Version",
          "Expected Version to be a string such as \"1.0\", but found " + Values.describe(version));
    }
    NumberRules.positiveInteger(machine, "", "TimeoutSeconds", scope.report);
    checkStates(machine, "", scope);
  }

  static void checkBranch(Object machine, String location, Scope scope) {
    checkNested(machine, location, BRANCH_FIELDS, "a Parallel branch", scope);
  }

  static void checkProcessor(Object machine, String location, Scope scope) {
    checkNested(machine, location, PROCESSOR_FIELDS, "a Map processor", scope);
    if (machine instanceof Map<?, ?> m && m.get("ProcessorConfig") != null) {
      MapRules.checkProcessorConfig(m.get("ProcessorConfig"), location, scope);
    }
  }

  private static void checkNested(
      Object machine, String location, Set<String> fields, String what, Scope scope) {
    if (!(machine instanceof Map<?, ?> raw)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          location,
          "Expected " + what + " to be an object, but found " + Values.describe(machine));
      return;
    }
    Map<String, Object> m = Values.asObject(raw);
    unknownFields(m, location, fields, what, scope);
    checkStates(m, location, scope);
  }

  private static void checkStates(Map<String, Object> machine, String location, Scope scope) {
    Object startAt = machine.get("StartAt");
    Object states = machine.get("States");
    String startLocation = Pointer.at(location, "StartAt");
    String statesLocation = Pointer.at(location, "States");
    if (!(startAt instanceof String)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          machine.containsKey("StartAt") ? startLocation : location,
          "Expected StartAt to name the first state, but found "
              + (machine.containsKey("StartAt") ? Values.describe(startAt) : "no StartAt"));
    }
    if (!(states instanceof Map<?, ?> rawStates) || rawStates.isEmpty()) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          machine.containsKey("States") ? statesLocation : location,
          "Expected States to be an object with at least one state, but found "
              + (machine.containsKey("States") ? Values.describe(states) : "no States"));
      return;
    }
    Map<String, Object> byName = Values.asObject(rawStates);
    if (startAt instanceof String start && !byName.containsKey(start)) {
      scope.report.error(
          Codes.MISSING_TRANSITION_TARGET,
          startLocation,
          "Expected StartAt to name a state of this machine, but no state is named '"
              + start
              + "'");
    }
    for (Map.Entry<String, Object> e : byName.entrySet()) {
      String stateLocation = Pointer.at(statesLocation, e.getKey());
      checkName(e.getKey(), stateLocation, scope);
      StateRules.check(e.getKey(), e.getValue(), stateLocation, scope);
    }
    TransitionRules.checkGraph(byName, startAt, statesLocation, scope);
  }

  private static void checkName(String name, String location, Scope scope) {
    if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
      scope.report.error(
          Codes.INVALID_STATE_NAME,
          location,
          "Expected a state name of 1 to "
              + MAX_STATE_NAME_LENGTH
              + " characters, but found "
              + name.length()
              + " characters");
    }
    String earlier = scope.stateNames.putIfAbsent(name, location);
    if (earlier != null) {
      scope.report.error(
          Codes.DUPLICATE_STATE_NAME,
          location,
          "Expected state names to be unique in the whole state machine, but '"
              + name
              + "' is also defined at "
              + earlier);
    }
  }

  private static void unknownFields(
      Map<String, Object> machine, String location, Set<String> allowed, String what, Scope s) {
    for (String field : machine.keySet()) {
      if (!allowed.contains(field)) {
        s.report.error(
            Codes.SCHEMA_VALIDATION_FAILED,
            Pointer.at(location, field),
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
}
