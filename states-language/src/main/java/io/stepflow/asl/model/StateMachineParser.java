package io.stepflow.asl.model;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.choice.ChoiceRules;
import io.stepflow.asl.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the immutable model from a definition's JSON. It checks only what it needs to build the
 * model; {@code io.stepflow.asl.validate.DefinitionValidator} reports everything else first.
 */
public final class StateMachineParser {

  private StateMachineParser() {}

  /** Parses definition text. */
  public static StateMachine parse(String definition) {
    Object json = Json.parse(definition);
    if (!(json instanceof Map<?, ?>)) {
      throw new DefinitionException("", "Expected the definition to be a JSON object");
    }
    return parse(asMap(json, ""));
  }

  /** Parses a definition already read as JSON. */
  public static StateMachine parse(Map<String, Object> definition) {
    QueryLanguage language =
        queryLanguage(definition.get("QueryLanguage"), QueryLanguage.JSONPATH, "/QueryLanguage");
    return machine(definition, "", language);
  }

  private static StateMachine machine(
      Map<String, Object> json, String location, QueryLanguage inherited) {
    QueryLanguage language =
        queryLanguage(json.get("QueryLanguage"), inherited, location + "/QueryLanguage");
    String startAt = string(json, "StartAt", location, true);
    Map<String, Object> statesJson = asMap(json.get("States"), location + "/States");
    Map<String, State> states = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : statesJson.entrySet()) {
      String stateLocation = location + "/States/" + e.getKey();
      states.put(
          e.getKey(),
          state(e.getKey(), asMap(e.getValue(), stateLocation), stateLocation, language));
    }
    Object timeout = json.get("TimeoutSeconds");
    Integer timeoutSeconds = timeout instanceof Number n ? n.intValue() : null;
    return new StateMachine(
        startAt,
        java.util.Collections.unmodifiableMap(states),
        language,
        timeoutSeconds,
        (String) json.get("Comment"));
  }

  private static State state(
      String name, Map<String, Object> json, String location, QueryLanguage inherited) {
    QueryLanguage language =
        queryLanguage(json.get("QueryLanguage"), inherited, location + "/QueryLanguage");
    String type = string(json, "Type", location, true);
    Common common = common(name, json, location, language);
    return switch (type) {
      case "Pass" -> new PassState(common, json.get("Result"), json.containsKey("Result"));
      case "Succeed" -> new SucceedState(common);
      case "Fail" ->
          new FailState(
              common,
              json.get("Error"),
              json.get("Cause"),
              string(json, "ErrorPath", location, false),
              string(json, "CausePath", location, false));
      case "Wait" ->
          new WaitState(
              common,
              json.get("Seconds"),
              json.get("Timestamp"),
              string(json, "SecondsPath", location, false),
              string(json, "TimestampPath", location, false));
      case "Task" ->
          new TaskState(
              common,
              string(json, "Resource", location, true),
              json.get("TimeoutSeconds"),
              string(json, "TimeoutSecondsPath", location, false),
              json.get("HeartbeatSeconds"),
              string(json, "HeartbeatSecondsPath", location, false),
              json.get("Credentials"));
      case "Choice" -> choice(common, json, location, language);
      case "Parallel" -> parallel(common, json, location, language);
      case "Map" -> map(common, json, location, language);
      default ->
          throw new DefinitionException(
              location + "/Type",
              "Expected Type to be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel or"
                  + " Map, but found '"
                  + type
                  + "'");
    };
  }

  private static Common common(
      String name, Map<String, Object> json, String location, QueryLanguage language) {
    return new Common(
        name,
        language,
        string(json, "Next", location, false),
        Boolean.TRUE.equals(json.get("End")),
        pathOrDefault(json, "InputPath", location),
        pathOrDefault(json, "OutputPath", location),
        pathOrDefault(json, "ResultPath", location),
        json.get("Parameters"),
        json.get("ResultSelector"),
        json.get("Arguments"),
        json.get("Output"),
        json.containsKey("Output"),
        json.get("Assign"),
        retriers(json.get("Retry"), location + "/Retry"),
        catchers(json.get("Catch"), location + "/Catch"));
  }

  private static ChoiceState choice(
      Common common, Map<String, Object> json, String location, QueryLanguage language) {
    List<ChoiceBranch> branches = new ArrayList<>();
    List<Object> choices = asList(json.get("Choices"), location + "/Choices");
    for (int i = 0; i < choices.size(); i++) {
      String at = location + "/Choices/" + i;
      Map<String, Object> rule = asMap(choices.get(i), at);
      String next = string(rule, "Next", at, true);
      if (language == QueryLanguage.JSONATA) {
        branches.add(
            new ChoiceBranch(
                null,
                rule.get("Condition"),
                next,
                rule.get("Assign"),
                rule.get("Output"),
                rule.containsKey("Output")));
      } else {
        Map<String, Object> ruleOnly = new LinkedHashMap<>(rule);
        ruleOnly.remove("Next");
        ruleOnly.remove("Assign");
        ruleOnly.remove("Comment");
        ruleOnly.remove("Output");
        branches.add(
            new ChoiceBranch(
                ChoiceRules.parse(ruleOnly), null, next, rule.get("Assign"), null, false));
      }
    }
    return new ChoiceState(common, List.copyOf(branches), string(json, "Default", location, false));
  }

  private static ParallelState parallel(
      Common common, Map<String, Object> json, String location, QueryLanguage language) {
    List<StateMachine> branches = new ArrayList<>();
    List<Object> list = asList(json.get("Branches"), location + "/Branches");
    for (int i = 0; i < list.size(); i++) {
      String at = location + "/Branches/" + i;
      branches.add(machine(asMap(list.get(i), at), at, language));
    }
    return new ParallelState(common, List.copyOf(branches));
  }

  @SuppressWarnings("unchecked")
  private static MapState map(
      Common common, Map<String, Object> json, String location, QueryLanguage language) {
    String processorField = json.containsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
    Map<String, Object> processorJson =
        asMap(json.get(processorField), location + "/" + processorField);
    boolean distributed = false;
    if (processorJson.get("ProcessorConfig") instanceof Map<?, ?> config) {
      distributed = "DISTRIBUTED".equals(config.get("Mode"));
    }
    Object itemSelector =
        json.containsKey("ItemSelector") ? json.get("ItemSelector") : json.get("Parameters");
    return new MapState(
        common,
        machine(processorJson, location + "/" + processorField, language),
        distributed,
        pathOrDefault(json, "ItemsPath", location),
        json.get("Items"),
        itemSelector,
        json.get("MaxConcurrency"),
        string(json, "MaxConcurrencyPath", location, false),
        json.get("ToleratedFailureCount"),
        string(json, "ToleratedFailureCountPath", location, false),
        json.get("ToleratedFailurePercentage"),
        string(json, "ToleratedFailurePercentagePath", location, false),
        (Map<String, Object>) json.get("ItemReader"),
        (Map<String, Object>) json.get("ItemBatcher"),
        json.get("ResultWriter"),
        string(json, "Label", location, false));
  }

  private static List<Retrier> retriers(Object value, String location) {
    if (value == null) {
      return List.of();
    }
    List<Retrier> result = new ArrayList<>();
    List<Object> list = asList(value, location);
    for (int i = 0; i < list.size(); i++) {
      String at = location + "/" + i;
      Map<String, Object> json = asMap(list.get(i), at);
      result.add(
          new Retrier(
              errorEquals(json, at),
              intOr(json.get("IntervalSeconds"), 1),
              intOr(json.get("MaxAttempts"), 3),
              json.get("BackoffRate") instanceof Number n
                  ? Json.toBigDecimal(n)
                  : BigDecimal.valueOf(2.0),
              json.get("MaxDelaySeconds") instanceof Number n ? n.intValue() : null,
              json.get("JitterStrategy") instanceof String s ? s : "NONE"));
    }
    return List.copyOf(result);
  }

  private static List<Catcher> catchers(Object value, String location) {
    if (value == null) {
      return List.of();
    }
    List<Catcher> result = new ArrayList<>();
    List<Object> list = asList(value, location);
    for (int i = 0; i < list.size(); i++) {
      String at = location + "/" + i;
      Map<String, Object> json = asMap(list.get(i), at);
      result.add(
          new Catcher(
              errorEquals(json, at),
              string(json, "Next", at, true),
              pathOrDefault(json, "ResultPath", at),
              json.get("Output"),
              json.containsKey("Output"),
              json.get("Assign")));
    }
    return List.copyOf(result);
  }

  private static List<String> errorEquals(Map<String, Object> json, String location) {
    List<String> names = new ArrayList<>();
    for (Object o : asList(json.get("ErrorEquals"), location + "/ErrorEquals")) {
      if (!(o instanceof String s)) {
        throw new DefinitionException(
            location + "/ErrorEquals", "Expected error names as strings, but found " + o);
      }
      names.add(s);
    }
    return List.copyOf(names);
  }

  private static int intOr(Object value, int fallback) {
    return value instanceof Number n ? n.intValue() : fallback;
  }

  private static String pathOrDefault(Map<String, Object> json, String field, String location) {
    if (!json.containsKey(field)) {
      return "$";
    }
    return string(json, field, location, false);
  }

  private static QueryLanguage queryLanguage(
      Object value, QueryLanguage inherited, String location) {
    if (value == null) {
      return inherited;
    }
    for (QueryLanguage language : QueryLanguage.values()) {
      if (language.text().equals(value)) {
        return language;
      }
    }
    throw new DefinitionException(
        location, "Expected QueryLanguage to be JSONPath or JSONata, but found " + value);
  }

  private static String string(
      Map<String, Object> json, String field, String location, boolean required) {
    Object value = json.get(field);
    if (value == null) {
      if (required) {
        throw new DefinitionException(
            location + "/" + field, "Expected the field " + field + ", but it is missing");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw new DefinitionException(
          location + "/" + field,
          "Expected " + field + " to be a string, but found " + Json.typeName(value));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String location) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new DefinitionException(
        location, "Expected a JSON object, but found " + Json.typeName(value));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value, String location) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new DefinitionException(
        location, "Expected a JSON array, but found " + Json.typeName(value));
  }
}
