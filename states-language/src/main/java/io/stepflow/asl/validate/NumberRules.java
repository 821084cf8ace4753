package io.stepflow.asl.validate;

import java.util.Map;

/**
 * Numeric fields: integers with a lower bound and numbers in a range. In a JSONata state a field
 * may hold a {@code {% %}} expression instead, which {@link JsonataRules} checks.
 */
final class NumberRules {

  private NumberRules() {}

  static void positiveInteger(Map<String, Object> owner, String location, String field, Report r) {
    integerAtLeast(owner, location, field, 1, false, r);
  }

  static void integerAtLeast(
      Map<String, Object> owner,
      String location,
      String field,
      long min,
      boolean expressionAllowed,
      Report report) {
    if (!owner.containsKey(field)) {
      return;
    }
    Object value = owner.get(field);
    if (expressionAllowed && JsonataRules.isExpression(value)) {
      return;
    }
    if (!Values.isInteger(value) || Values.asLong(value) < min) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          Pointer.at(location, field),
          "Expected "
              + field
              + " to be an integer of at least "
              + min
              + (expressionAllowed ? " or a JSONata expression" : "")
              + ", but found "
              + Values.describe(value));
    }
  }

  static void numberBetween(
      Map<String, Object> owner,
      String location,
      String field,
      double min,
      double max,
      boolean expressionAllowed,
      Report report) {
    if (!owner.containsKey(field)) {
      return;
    }
    Object value = owner.get(field);
    if (expressionAllowed && JsonataRules.isExpression(value)) {
      return;
    }
    if (!Values.isNumber(value) || Values.asDouble(value) < min || Values.asDouble(value) > max) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          Pointer.at(location, field),
          "Expected "
              + field
              + " to be a number from "
              + format(min)
              + " to "
              + format(max)
              + ", but found "
              + Values.describe(value));
    }
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
