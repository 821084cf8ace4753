package io.stepflow.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The states that hold nested machines: Map (ItemProcessor or Iterator) and Parallel (Branches).
 */
final class MapRules {

  private static final Set<String> MODES = Set.of("INLINE", "DISTRIBUTED");
  private static final Set<String> EXECUTION_TYPES = Set.of("STANDARD", "EXPRESS");

  private MapRules() {}

  static void checkParallel(StateSite site) {
    Object branches = site.get("Branches");
    if (!(branches instanceof List<?> list) || list.isEmpty()) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.has("Branches") ? site.at("Branches") : site.location(),
              "Expected Branches to be a non-empty array of state machines, but found "
                  + (site.has("Branches") ? Values.describe(branches) : "no Branches"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      MachineRules.checkBranch(list.get(i), Pointer.at(site.at("Branches"), i), site.scope());
    }
  }

  static void checkMap(StateSite site) {
    String processor = site.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    if (!site.has(processor)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.location(),
              "Expected an ItemProcessor (or the older Iterator) in a Map state, but found neither");
    } else {
      MachineRules.checkProcessor(site.get(processor), site.at(processor), site.scope());
    }
    Map<String, Object> s = site.state();
    boolean expressions = site.jsonata();
    Report r = site.report();
    NumberRules.integerAtLeast(s, site.location(), "MaxConcurrency", 0, expressions, r);
    NumberRules.integerAtLeast(s, site.location(), "ToleratedFailureCount", 0, expressions, r);
    NumberRules.numberBetween(
        s, site.location(), "ToleratedFailurePercentage", 0, 100, expressions, r);
    subObject(site, "ItemReader", "Parameters");
    subObject(site, "ItemBatcher", "BatchInput");
    subObject(site, "ResultWriter", "Parameters");
    if (site.has("Label") && !(site.get("Label") instanceof String)) {
      r.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          site.at("Label"),
          "Expected Label to be a string, but found " + Values.describe(site.get("Label")));
    }
  }

  static void checkProcessorConfig(Object config, String processorLocation, Scope scope) {
    String at = Pointer.at(processorLocation, "ProcessorConfig");
    if (!(config instanceof Map<?, ?> raw)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          at,
          "Expected ProcessorConfig to be an object, but found " + Values.describe(config));
      return;
    }
    Map<String, Object> map = Values.asObject(raw);
    oneOf(map, "Mode", MODES, at, scope.report);
    oneOf(map, "ExecutionType", EXECUTION_TYPES, at, scope.report);
    for (String field : map.keySet()) {
      if (!field.equals("Mode") && !field.equals("ExecutionType")) {
        scope.report.error(
            Codes.SCHEMA_VALIDATION_FAILED,
            Pointer.at(at, field),
            "Expected only Mode and ExecutionType in ProcessorConfig, but found '" + field + "'");
      }
    }
  }

  /** ItemReader, ItemBatcher, ResultWriter: objects whose payload field is a template. */
  private static void subObject(StateSite site, String field, String payload) {
    if (!site.has(field)) {
      return;
    }
    Object value = site.get(field);
    if (!(value instanceof Map<?, ?> raw)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at(field),
              "Expected " + field + " to be an object, but found " + Values.describe(value));
      return;
    }
    Object template = raw.get(payload);
    if (!site.jsonata() && template != null) {
      PathRules.template(template, Pointer.at(site.at(field), payload), site.report());
    }
  }

  private static void oneOf(
      Map<String, Object> map, String field, Set<String> allowed, String at, Report report) {
    if (map.containsKey(field) && !allowed.contains(map.get(field))) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          Pointer.at(at, field),
          "Expected "
              + field
              + " to be one of "
              + allowed
              + ", but found "
              + Values.describe(map.get(field)));
    }
  }
}
