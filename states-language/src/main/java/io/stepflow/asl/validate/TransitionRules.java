package io.stepflow.asl.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Next and End, transition targets, reachability and terminal states of one (nested) machine. */
final class TransitionRules {

  private static final Set<String> NO_FLOW = Set.of("Choice", "Succeed", "Fail");

  private TransitionRules() {}

  /** A state other than Choice, Succeed and Fail needs Next or End: true, not both. */
  static void checkEndNext(StateSite site) {
    if (NO_FLOW.contains(site.type())) {
      return; // Next and End are unknown fields there, reported by FieldRules
    }
    Object end = site.get("End");
    if (site.has("End") && !(end instanceof Boolean)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("End"),
              "Expected End to be a boolean, but found " + Values.describe(end));
    }
    if (site.has("Next") && !(site.get("Next") instanceof String)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("Next"),
              "Expected Next to be a state name, but found " + Values.describe(site.get("Next")));
    }
    boolean ends = Boolean.TRUE.equals(end);
    if (ends && site.has("Next")) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("Next"),
              "Expected either Next or End: true in state '" + site.name() + "', but found both");
    } else if (!ends && !site.has("Next")) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.location(),
              "Expected state '" + site.name() + "' to have Next or End: true, but found neither");
    }
  }

  /**
   * Checks that every target names a state of this machine, that every state is reachable from
   * StartAt, and that some state ends the machine.
   */
  static void checkGraph(
      Map<String, Object> states, Object startAt, String statesLocation, Scope scope) {
    Map<String, List<String[]>> edges = new LinkedHashMap<>();
    boolean terminal = false;
    for (Map.Entry<String, Object> e : states.entrySet()) {
      String location = Pointer.at(statesLocation, e.getKey());
      List<String[]> targets = new ArrayList<>();
      if (e.getValue() instanceof Map<?, ?> raw) {
        Map<String, Object> state = Values.asObject(raw);
        collectTargets(state, location, targets);
        Object type = state.get("Type");
        terminal |=
            Boolean.TRUE.equals(state.get("End")) || "Succeed".equals(type) || "Fail".equals(type);
      }
      edges.put(e.getKey(), targets);
      for (String[] t : targets) {
        if (!states.containsKey(t[1])) {
          scope.report.error(
              Codes.MISSING_TRANSITION_TARGET,
              t[0],
              "Expected "
                  + lastToken(t[0])
                  + " to name a state of this machine, but no state is named '"
                  + t[1]
                  + "'");
        }
      }
    }
    if (!terminal && !states.isEmpty()) {
      scope.report.error(
          Codes.MISSING_END_STATE,
          statesLocation,
          "Expected a terminal state (End: true, Succeed or Fail), but found none");
    }
    if (startAt instanceof String start && states.containsKey(start)) {
      Set<String> reached = reach(start, edges);
      for (String name : states.keySet()) {
        if (!reached.contains(name)) {
          scope.report.warning(
              Codes.UNREACHABLE_STATE,
              Pointer.at(statesLocation, name),
              "Expected every state to be reachable from StartAt '"
                  + start
                  + "', but no transition leads to '"
                  + name
                  + "'");
        }
      }
    }
  }

  private static void collectTargets(
      Map<String, Object> state, String location, List<String[]> targets) {
    addTarget(state.get("Next"), Pointer.at(location, "Next"), targets);
    addTarget(state.get("Default"), Pointer.at(location, "Default"), targets);
    for (String list : List.of("Choices", "Catch")) {
      if (state.get(list) instanceof List<?> items) {
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i) instanceof Map<?, ?> item) {
            String at = Pointer.at(Pointer.at(Pointer.at(location, list), i), "Next");
            addTarget(item.get("Next"), at, targets);
          }
        }
      }
    }
  }

  private static void addTarget(Object target, String location, List<String[]> targets) {
    if (target instanceof String name) {
      targets.add(new String[] {location, name});
    }
  }

  private static Set<String> reach(String start, Map<String, List<String[]>> edges) {
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (reached.add(name)) {
        for (String[] t : edges.getOrDefault(name, List.of())) {
          todo.push(t[1]);
        }
      }
    }
    return reached;
  }

  private static String lastToken(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }
}
