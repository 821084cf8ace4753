package io.stepflow.asl.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A Choice state's rules: JSONPath comparators, or JSONata conditions. */
final class ChoiceRules {

  private static final Set<String> COMBINATORS = Set.of("And", "Or", "Not");
  private static final Set<String> IS_TESTS =
      Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
  private static final Set<String> COMPARISONS =
      Set.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals");
  private static final Set<String> OPERAND_TYPES = Set.of("String", "Numeric", "Timestamp");

  /** Every comparator, mapped to the JSON type of its operand ("path" for *Path ones). */
  static final Map<String, String> COMPARATORS = comparators();

  private ChoiceRules() {}

  static void check(StateSite site) {
    Object choices = site.get("Choices");
    if (!(choices instanceof List<?> list) || list.isEmpty()) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.has("Choices") ? site.at("Choices") : site.location(),
              "Expected Choices to be a non-empty array of choice rules, but found "
                  + (site.has("Choices") ? Values.describe(choices) : "no Choices"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        String at = Pointer.at(site.at("Choices"), i);
        if (site.jsonata()) {
          conditionRule(list.get(i), at, site.report());
        } else {
          rule(list.get(i), at, true, site.report());
        }
      }
    }
    if (site.has("Default") && !(site.get("Default") instanceof String)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("Default"),
              "Expected Default to be a state name, but found "
                  + Values.describe(site.get("Default")));
    }
  }

  private static void conditionRule(Object raw, String location, Report report) {
    if (!(raw instanceof Map<?, ?> map)) {
      notAnObject(raw, location, report);
      return;
    }
    Map<String, Object> rule = Values.asObject(map);
    allowOnly(
        rule,
        Set.of("Condition", "Next", "Assign", "Output", "Comment"),
        "Condition, Next, Assign, Output and Comment",
        location,
        report);
    requireNext(rule, location, report);
    Object condition = rule.get("Condition");
    if (!(condition instanceof Boolean) && !JsonataRules.isExpression(condition)) {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          rule.containsKey("Condition") ? Pointer.at(location, "Condition") : location,
          "Expected Condition to be a JSONata expression {% ... %} or a boolean, but found "
              + (rule.containsKey("Condition") ? Values.describe(condition) : "no Condition"));
    }
    for (String field : List.of("Condition", "Assign", "Output")) {
      if (rule.containsKey(field)) {
        JsonataRules.expressions(rule.get(field), Pointer.at(location, field), report);
      }
    }
  }

  private static void rule(Object raw, String location, boolean topLevel, Report report) {
    if (!(raw instanceof Map<?, ?> map)) {
      notAnObject(raw, location, report);
      return;
    }
    Map<String, Object> rule = Values.asObject(map);
    Set<String> allowed = new TreeSet<>(COMPARATORS.keySet());
    allowed.addAll(COMBINATORS);
    allowed.addAll(Set.of("Variable", "Comment"));
    if (topLevel) {
      allowed.addAll(Set.of("Next", "Assign"));
      requireNext(rule, location, report);
      if (rule.get("Assign") != null) {
        PathRules.template(rule.get("Assign"), Pointer.at(location, "Assign"), report);
      }
    }
    allowOnly(
        rule,
        allowed,
        topLevel
            ? "one comparator or And/Or/Not, Variable, Next, Assign and Comment"
            : "one comparator or And/Or/Not, Variable and Comment (no Next inside And/Or/Not)",
        location,
        report);
    List<String> operators =
        rule.keySet().stream()
            .filter(k -> COMPARATORS.containsKey(k) || COMBINATORS.contains(k))
            .toList();
    if (operators.size() != 1) {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          operators.isEmpty() ? location : Pointer.at(location, operators.get(1)),
          "Expected exactly one comparator (such as StringEquals) or one of And, Or, Not, but"
              + " found "
              + (operators.isEmpty() ? "none" : operators));
      return;
    }
    String operator = operators.get(0);
    if (COMBINATORS.contains(operator)) {
      combinator(rule, operator, location, report);
    } else {
      comparison(rule, operator, location, report);
    }
  }

  private static void combinator(
      Map<String, Object> rule, String operator, String location, Report report) {
    String at = Pointer.at(location, operator);
    if (rule.containsKey("Variable")) {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          Pointer.at(location, "Variable"),
          "Expected no Variable beside " + operator + ", but found one");
    }
    Object operand = rule.get(operator);
    if ("Not".equals(operator)) {
      rule(operand, at, false, report);
    } else if (operand instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        rule(list.get(i), Pointer.at(at, i), false, report);
      }
    } else {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          at,
          "Expected "
              + operator
              + " to be a non-empty array of choice rules, but found "
              + Values.describe(operand));
    }
  }

  private static void comparison(
      Map<String, Object> rule, String operator, String location, Report report) {
    if (!rule.containsKey("Variable")) {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          location,
          "Expected a Variable to compare with " + operator + ", but found none");
    } else {
      PathRules.path(
          rule.get("Variable"),
          Pointer.at(location, "Variable"),
          "Variable",
          Paths.Kind.PATH,
          false,
          report);
    }
    String at = Pointer.at(location, operator);
    Object operand = rule.get(operator);
    String expected = COMPARATORS.get(operator);
    if ("path".equals(expected)) {
      PathRules.path(operand, at, operator, Paths.Kind.REFERENCE, false, report);
      return;
    }
    boolean fits =
        switch (expected) {
          case "string" -> operand instanceof String;
          case "number" -> operand instanceof Number;
          default -> operand instanceof Boolean;
        };
    if (!fits) {
      report.error(
          Codes.INVALID_CHOICE_RULE,
          at,
          "Expected "
              + operator
              + " to be a "
              + expected
              + ", but found "
              + Values.describe(operand));
    }
  }

  private static void requireNext(Map<String, Object> rule, String location, Report report) {
    if (!(rule.get("Next") instanceof String)) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          rule.containsKey("Next") ? Pointer.at(location, "Next") : location,
          "Expected a choice rule to name its Next state, but found "
              + (rule.containsKey("Next") ? Values.describe(rule.get("Next")) : "no Next"));
    }
  }

  private static void allowOnly(
      Map<String, Object> rule,
      Set<String> allowed,
      String description,
      String location,
      Report report) {
    for (String field : rule.keySet()) {
      if (!allowed.contains(field)) {
        report.error(
            Codes.SCHEMA_VALIDATION_FAILED,
            Pointer.at(location, field),
            "Expected only " + description + " in this choice rule, but found '" + field + "'");
      }
    }
  }

  private static void notAnObject(Object raw, String location, Report report) {
    report.error(
        Codes.SCHEMA_VALIDATION_FAILED,
        location,
        "Expected a choice rule to be an object, but found " + Values.describe(raw));
  }

  private static Map<String, String> comparators() {
    Map<String, String> all = new HashMap<>();
    for (String type : OPERAND_TYPES) {
      for (String comparison : COMPARISONS) {
        all.put(type + comparison, "Numeric".equals(type) ? "number" : "string");
        all.put(type + comparison + "Path", "path");
      }
    }
    all.put("BooleanEquals", "boolean");
    all.put("BooleanEqualsPath", "path");
    all.put("StringMatches", "string");
    for (String test : IS_TESTS) {
      all.put(test, "boolean");
    }
    return Map.copyOf(all);
  }
}
