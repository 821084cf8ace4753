package io.stepflow.asl.choice;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.choice.TypeTestRule.TypeTest;
import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the Choice rules of the JSONPath query language from their JSON form. */
public final class ChoiceRules {

  /** Fields of a top-level rule that belong to the Choice state, not to the condition. */
  private static final Set<String> BRANCH_FIELDS = Set.of("Next", "Assign", "Output", "Comment");

  private static final String VARIABLE = "Variable";
  private static final String PATH_SUFFIX = "Path";

  private ChoiceRules() {}

  /**
   * Parses one rule: a comparison ({@code Variable} and one operator) or {@code And}, {@code Or},
   * {@code Not}, nested to any depth. {@code Next}, {@code Assign}, {@code Output} and {@code
   * Comment} of a top-level rule are ignored.
   *
   * @throws DefinitionException when the rule is malformed; the location is a JSON pointer relative
   *     to the rule, for example {@code /And/1/NumericEquals}
   */
  public static ChoiceRule parse(Map<String, Object> ruleJson) {
    if (ruleJson == null) {
      throw new DefinitionException("", "Expected a Choice rule object, but found null");
    }
    return parse(ruleJson, "", true);
  }

  private static ChoiceRule parse(Map<String, Object> json, String location, boolean topLevel) {
    Map<String, Object> fields = new LinkedHashMap<>(json);
    fields.remove("Comment");
    if (topLevel) {
      BRANCH_FIELDS.forEach(fields::remove);
    }
    if (fields.containsKey("And") || fields.containsKey("Or") || fields.containsKey("Not")) {
      return parseBoolean(fields, location);
    }
    Object variable = fields.remove(VARIABLE);
    if (variable == null) {
      throw new DefinitionException(
          location,
          "Expected a Choice rule with 'Variable' and one comparison operator, or with 'And', 'Or'"
              + " or 'Not', but found the fields "
              + json.keySet());
    }
    String variablePath = path(variable, location + "/" + VARIABLE);
    if (fields.size() != 1) {
      throw new DefinitionException(
          location,
          "Expected exactly one comparison operator next to 'Variable', but found "
              + (fields.isEmpty() ? "none" : fields.keySet().toString()));
    }
    Map.Entry<String, Object> operator = fields.entrySet().iterator().next();
    return comparison(
        variablePath, operator.getKey(), operator.getValue(), location + "/" + operator.getKey());
  }

  private static ChoiceRule parseBoolean(Map<String, Object> fields, String location) {
    if (fields.size() != 1) {
      throw new DefinitionException(
          location,
          "Expected 'And', 'Or' or 'Not' alone in a Choice rule, but found the fields "
              + fields.keySet());
    }
    Map.Entry<String, Object> entry = fields.entrySet().iterator().next();
    String at = location + "/" + entry.getKey();
    if (entry.getKey().equals("Not")) {
      return new NotRule(parse(object(entry.getValue(), at), at, false));
    }
    if (!(entry.getValue() instanceof List<?> list) || list.isEmpty()) {
      throw new DefinitionException(
          at,
          "Expected a non-empty array of Choice rules, but found " + describe(entry.getValue()));
    }
    List<ChoiceRule> rules = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      rules.add(parse(object(list.get(i), at + "/" + i), at + "/" + i, false));
    }
    return entry.getKey().equals("And") ? new AndRule(rules) : new OrRule(rules);
  }

  private static ChoiceRule comparison(
      String variable, String operator, Object value, String location) {
    for (TypeTest test : TypeTest.values()) {
      if (operator.equals(test.operator())) {
        if (!(value instanceof Boolean expected)) {
          throw new DefinitionException(
              location, "Expected a boolean for " + operator + ", but found " + describe(value));
        }
        return new TypeTestRule(variable, test, expected);
      }
    }
    if (operator.equals("StringMatches")) {
      if (!(value instanceof String pattern)) {
        throw new DefinitionException(
            location, "Expected a string for StringMatches, but found " + describe(value));
      }
      try {
        return new StringMatchesRule(variable, WildcardPattern.parse(pattern));
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(location, e.getMessage());
      }
    }
    for (ValueKind kind : ValueKind.values()) {
      for (Relation relation : Relation.values()) {
        if (kind == ValueKind.BOOLEAN && relation != Relation.EQUALS) {
          continue;
        }
        String name = kind.prefix() + relation.suffix();
        if (operator.equals(name + PATH_SUFFIX)) {
          return new ComparisonRule(variable, kind, relation, null, path(value, location));
        }
        if (operator.equals(name)) {
          if (!kind.accepts(value)) {
            throw new DefinitionException(
                location,
                "Expected "
                    + expectation(kind)
                    + " for "
                    + operator
                    + ", but found "
                    + describe(value));
          }
          return new ComparisonRule(variable, kind, relation, value, null);
        }
      }
    }
    throw new DefinitionException(
        location, "Expected a comparison operator, but found the unknown field '" + operator + "'");
  }

  private static String expectation(ValueKind kind) {
    return switch (kind) {
      case STRING -> "a string";
      case NUMERIC -> "a number";
      case BOOLEAN -> "a boolean";
      case TIMESTAMP -> "an RFC 3339 timestamp string such as 2016-08-18T17:33:00Z";
    };
  }

  private static String path(Object value, String location) {
    if (value instanceof String text && text.startsWith("$")) {
      return text;
    }
    throw new DefinitionException(
        location, "Expected a path starting with '$', but found " + describe(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String location) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new DefinitionException(
        location, "Expected a Choice rule object, but found " + describe(value));
  }

  private static String describe(Object value) {
    return Json.typeName(value) + " " + Json.write(value);
  }
}
