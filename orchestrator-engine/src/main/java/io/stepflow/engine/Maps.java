package io.stepflow.engine;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.jsonata.JsonataEvaluator;
import io.stepflow.asl.model.Common;
import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.QueryLanguage;
import io.stepflow.asl.path.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Map states: reading the items, starting iterations up to MaxConcurrency, tolerating failures, and
 * collecting the results in item order.
 */
final class Maps {

  private final Run run;
  private final States states;
  private final Contexts contexts;

  Maps(Run run, States states, Contexts contexts) {
    this.run = run;
    this.states = states;
    this.contexts = contexts;
  }

  void start(Branch b, MapState map) {
    try {
      begin(b, map);
    } catch (StatesError e) {
      if (b.status == Branch.Status.AWAITING_CHILDREN
          || !ErrorNames.QUERY_EVALUATION_ERROR.equals(e.error())) {
        throw e; // AWS reports MapStateFailed only when evaluating the items failed
      }
      states.fail(b, map, e, List.of(new States.Carrier("MapStateFailed", Map.of())));
    }
  }

  private void begin(Branch b, MapState map) {
    Common c = map.common();
    Object raw = b.stateInput;
    boolean jsonata = c.queryLanguage() == QueryLanguage.JSONATA;
    Object effective;
    List<Object> items;
    Object readerItems = map.itemReader() == null ? null : run.probe.readerItems(b);
    if (jsonata) {
      effective = raw;
      items =
          readerItems instanceof List<?> read ? new ArrayList<>(read) : jsonataItems(b, map, raw);
    } else {
      Scope scope = contexts.jsonPath(b, raw);
      effective = Expressions.inputPath(c.inputPath(), scope);
      run.probe.seen(b, "afterInputPath", effective);
      Object value =
          readerItems != null ? readerItems : scope.withInput(effective).read(map.itemsPath());
      run.probe.seen(b, "afterItemsPath", value);
      if (!(value instanceof List<?> list)) {
        throw Run.runtime("Map state input must be an array but was: " + Json.write(value));
      }
      items = new ArrayList<>(list);
    }
    items = batch(b, map, items, effective);
    List<Object> selected = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      selected.add(select(b, map, effective, i, items.get(i)));
    }
    Map<String, Object> internal = Run.internal(b);
    internal.put("input", effective);
    internal.put("items", selected);
    internal.put("maxConcurrency", maxConcurrency(b, map));
    StatesError late = null;
    try {
      internal.put("toleratedFailureCount", toleratedCount(b, map));
      internal.put("toleratedFailurePercentage", toleratedPercentage(b, map));
    } catch (StatesError e) {
      late = e; // AWS reads the tolerances after it reports MapStateStarted
    }
    run.emit("MapStateStarted", Map.of("length", selected.size()), internal);
    if (late != null) {
      throw late;
    }
    if (map.distributed()) {
      run.emit("MapRunStarted", Map.of("mapRunArn", mapRunArn(map)), Run.internal(b));
    }
    StateProbe.StandIn standIn = run.probe.children(b);
    if (standIn != null) {
      standIn(b, map, standIn);
      return;
    }
    pump(b, map);
  }

  private String mapRunArn(MapState map) {
    String machine = run.s.info.stateMachineArn().replace(":stateMachine:", ":mapRun:");
    return machine + "/" + map.name() + ":" + run.s.lastEventId;
  }

  private List<Object> jsonataItems(Branch b, MapState map, Object raw) {
    if (map.items() == null) {
      if (raw instanceof List<?> list) {
        return new ArrayList<>(list);
      }
      throw new StatesError(
          ErrorNames.QUERY_EVALUATION_ERROR,
          "Map state input must be an array but was: " + Json.write(raw));
    }
    Object value = Expressions.jsonataTemplate(map.items(), contexts.jsonata(b, raw), "Items");
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (JsonataEvaluator.isExpression(map.items())) {
      throw new StatesError(
          ErrorNames.QUERY_EVALUATION_ERROR,
          "The JSONata expression '"
              + Numbers.JsonataText.strip(map.items())
              + "' specified for the field 'Items' returned an unexpected result type. Expected"
              + " 'array', but was '"
              + Json.typeName(value)
              + "' for value: "
              + Json.write(value));
    }
    throw new StatesError(
        ErrorNames.QUERY_EVALUATION_ERROR,
        "Map state input must be an array but was: " + Json.write(value));
  }

  @SuppressWarnings("unchecked")
  private List<Object> batch(Branch b, MapState map, List<Object> items, Object effective) {
    Map<String, Object> batcher = map.itemBatcher();
    if (batcher == null) {
      return items;
    }
    int size =
        batcher.get("MaxItemsPerBatch") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    Object batchInput = batcher.get("BatchInput");
    if (batchInput != null && map.queryLanguage() == QueryLanguage.JSONPATH) {
      batchInput = Expressions.template(batchInput, contexts.jsonPath(b, effective), "BatchInput");
    }
    List<Object> batches = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      Map<String, Object> one = new LinkedHashMap<>();
      if (batchInput != null) {
        one.put("BatchInput", batchInput);
      }
      one.put("Items", new ArrayList<>(items.subList(from, Math.min(items.size(), from + size))));
      batches.add(one);
    }
    return batches;
  }

  private Object select(Branch b, MapState map, Object effective, int index, Object item) {
    if (map.itemSelector() == null) {
      return item;
    }
    Map<String, Object> mapContext = new LinkedHashMap<>();
    Map<String, Object> itemContext = new LinkedHashMap<>();
    itemContext.put("Index", index);
    itemContext.put("Value", item);
    mapContext.put("Item", itemContext);
    Map<String, Object> extra = Map.of("Map", mapContext);
    if (map.queryLanguage() == QueryLanguage.JSONATA) {
      return Expressions.jsonataTemplate(
          map.itemSelector(), contexts.jsonata(b, effective, extra), "ItemSelector");
    }
    return Expressions.template(
        map.itemSelector(), contexts.jsonPath(b, effective, extra), "ItemSelector");
  }

  private int maxConcurrency(Branch b, MapState map) {
    Object value = map.maxConcurrency();
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String expression) {
      Object result =
          Expressions.jsonataTemplate(
              expression, contexts.jsonata(b, b.stateInput), "MaxConcurrency");
      return (int) Numbers.wholeSeconds(result, "MaxConcurrency", expression);
    }
    if (map.maxConcurrencyPath() != null) {
      Object result = contexts.jsonPath(b, b.stateInput).read(map.maxConcurrencyPath());
      return Numbers.integerPathValue(result, "MaxConcurrencyPath", map.maxConcurrencyPath());
    }
    return 0;
  }

  private int toleratedCount(Branch b, MapState map) {
    Object value = map.toleratedFailureCount();
    int count = -1;
    if (value instanceof Number n) {
      count = n.intValue();
    } else if (value instanceof String expression) {
      Object result =
          Expressions.jsonataTemplate(
              expression, contexts.jsonata(b, b.stateInput), "ToleratedFailureCount");
      count = (int) Numbers.wholeSeconds(result, "ToleratedFailureCount", expression);
    } else if (map.toleratedFailureCountPath() != null) {
      Object result = contexts.jsonPath(b, b.stateInput).read(map.toleratedFailureCountPath());
      count =
          Numbers.integerPathValue(
              result, "ToleratedFailureCountPath", map.toleratedFailureCountPath());
      if (count < 0) {
        throw Run.runtime("ToleratedFailureCount cannot be negative.");
      }
    }
    return count;
  }

  private double toleratedPercentage(Branch b, MapState map) {
    Object value = map.toleratedFailurePercentage();
    double percentage = -1;
    if (value instanceof Number n) {
      percentage = n.doubleValue();
    } else if (value instanceof String expression) {
      Object result =
          Expressions.jsonataTemplate(
              expression, contexts.jsonata(b, b.stateInput), "ToleratedFailurePercentage");
      percentage = result instanceof Number n ? n.doubleValue() : -1;
    } else if (map.toleratedFailurePercentagePath() != null) {
      Object result = contexts.jsonPath(b, b.stateInput).read(map.toleratedFailurePercentagePath());
      percentage =
          Numbers.floatPathValue(
              result, "ToleratedFailurePercentagePath", map.toleratedFailurePercentagePath());
      if (percentage < 0 || percentage > 100) {
        throw Run.runtime("ToleratedFailurePercentage must be between 0 and 100.");
      }
    }
    return percentage;
  }

  /** Starts iterations while the limit allows; finishes the state when all have ended. */
  void pump(Branch parent, MapState map) {
    while (parent.status == Branch.Status.AWAITING_CHILDREN && !run.s.status.isTerminal()) {
      if (exceedsTolerance(parent)) {
        failMap(parent, map);
        return;
      }
      if (parent.finished == parent.children.size()) {
        completeMap(parent, map);
        return;
      }
      boolean room = parent.maxConcurrency <= 0 || parent.running() < parent.maxConcurrency;
      Branch child = room ? nextPending(parent) : null;
      if (child == null) {
        return;
      }
      run.emit("MapIterationStarted", iterationDetails(child, map), Run.internal(child));
      run.drive(child);
      if (child.status == Branch.Status.SUCCEEDED) {
        run.emit("MapIterationSucceeded", iterationDetails(child, map), Run.internal(child));
      }
    }
  }

  /** The first iteration still to start, or null. */
  private Branch nextPending(Branch parent) {
    for (int i = parent.cursor; i < parent.children.size(); i++) {
      Branch child = run.s.branches.get(parent.children.get(i));
      if (child.status == Branch.Status.PENDING) {
        return child;
      }
    }
    return null;
  }

  /**
   * A redriven inline Map runs again only the iterations that had not succeeded, with the items,
   * MaxConcurrency and tolerated failures of its first start.
   */
  /**
   * Takes up a redriven Map's iterations: those that succeeded keep their results. A distributed
   * Map's run is redriven as AWS records it, with MapRunRedriven naming the same Map Run.
   */
  void resume(Branch b, MapState map) {
    Map<String, Object> internal = Run.internal(b);
    internal.put("resume", true);
    run.emit("MapStateStarted", Map.of("length", b.children.size()), internal);
    if (map.distributed() && b.mapRunArn != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("mapRunArn", b.mapRunArn);
      details.put("redriveCount", b.mapRunRedriveCount + 1);
      run.emit("MapRunRedriven", details, Run.internal(b));
    }
    pump(b, map);
  }

  void childEnded(Branch parent, Branch child, MapState map) {
    if (child.status == Branch.Status.SUCCEEDED) {
      run.emit("MapIterationSucceeded", iterationDetails(child, map), Run.internal(child));
    }
    pump(parent, map);
  }

  void iterationFailed(Branch parent, Branch child, MapState map, String error, String cause) {
    Map<String, Object> internal = Run.internal(child);
    internal.put("error", error);
    internal.put("cause", cause);
    run.emit("MapIterationFailed", iterationDetails(child, map), internal);
  }

  private static Map<String, Object> iterationDetails(Branch child, MapState map) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("index", child.index);
    details.put("name", map.name());
    return details;
  }

  private static boolean exceedsTolerance(Branch parent) {
    return exceedsTolerance(parent, parent.failed);
  }

  private static boolean exceedsTolerance(Branch parent, int failed) {
    if (failed == 0) {
      return false;
    }
    boolean hasCount = parent.toleratedFailureCount >= 0;
    boolean hasPercentage = parent.toleratedFailurePercentage >= 0;
    if (!hasCount && !hasPercentage) {
      return true;
    }
    boolean withinCount = hasCount && failed <= parent.toleratedFailureCount;
    boolean withinPercentage =
        hasPercentage
            && failed * 100.0 / parent.children.size() <= parent.toleratedFailurePercentage;
    return !(withinCount || withinPercentage);
  }

  /** TestState: the probe's outcome stands in for the iterations. */
  private void standIn(Branch parent, MapState map, StateProbe.StandIn standIn) {
    if (standIn.error() != null) {
      states.abortChildren(parent);
      states.fail(parent, map, standIn.error(), new States.Carrier("MapStateFailed", Map.of()));
    } else if ((parent.toleratedFailureCount >= 0 || parent.toleratedFailurePercentage >= 0)
        && exceedsTolerance(parent, standIn.failedIterations())) {
      failMap(parent, map);
    } else {
      states.cancelChildren(parent);
      states.finishWithResult(parent, map, standIn.result());
    }
  }

  private void failMap(Branch parent, MapState map) {
    String error;
    String cause;
    boolean tolerance = parent.toleratedFailureCount >= 0 || parent.toleratedFailurePercentage >= 0;
    if (tolerance) {
      error = ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD;
      cause = "The specified tolerated failure threshold was exceeded";
    } else {
      Branch failedChild = null;
      for (String id : parent.children) {
        Branch child = run.s.branches.get(id);
        if (child.status == Branch.Status.FAILED) {
          failedChild = child;
        }
      }
      error = failedChild == null ? ErrorNames.BRANCH_FAILED : failedChild.error;
      cause = failedChild == null ? null : failedChild.cause;
    }
    states.abortChildren(parent);
    if (map.distributed()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("error", error);
      details.put("cause", cause);
      run.emit("MapRunFailed", details, Run.internal(parent));
    }
    states.fail(
        parent, map, new StatesError(error, cause), new States.Carrier("MapStateFailed", Map.of()));
  }

  private void completeMap(Branch parent, MapState map) {
    if (map.distributed()) {
      run.emitQuiet("MapRunSucceeded", Run.internal(parent));
    }
    run.emitQuiet("MapStateSucceeded", Run.internal(parent));
    List<Object> results = new ArrayList<>(parent.results.length);
    for (Object result : parent.results) {
      results.add(result);
    }
    states.finishWithResult(parent, map, results);
  }
}
