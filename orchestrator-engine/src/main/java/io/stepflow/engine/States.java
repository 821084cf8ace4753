package io.stepflow.engine;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.jsonata.JsonataEvaluator;
import io.stepflow.asl.jsonata.JsonataScope;
import io.stepflow.asl.model.Catcher;
import io.stepflow.asl.model.ChoiceBranch;
import io.stepflow.asl.model.ChoiceState;
import io.stepflow.asl.model.Common;
import io.stepflow.asl.model.FailState;
import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.ParallelState;
import io.stepflow.asl.model.PassState;
import io.stepflow.asl.model.QueryLanguage;
import io.stepflow.asl.model.Retrier;
import io.stepflow.asl.model.State;
import io.stepflow.asl.model.SucceedState;
import io.stepflow.asl.model.TaskState;
import io.stepflow.asl.model.WaitState;
import io.stepflow.asl.path.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each state type does when a branch enters it, and when its outside work comes back. */
final class States {

  private final Run run;
  private final ExecutionState s;
  private final Contexts contexts;
  private final Tasks tasks;
  private final Maps maps;

  States(Run run) {
    this.run = run;
    this.s = run.s;
    this.contexts = new Contexts(run);
    this.tasks = new Tasks(run, this, contexts);
    this.maps = new Maps(run, this, contexts);
  }

  void enter(Branch b) {
    State st = Run.stateOf(b);
    Object raw = b.data;
    Map<String, Object> enteredInternal = Run.internal(b);
    // A Wait knows its deadline before it is entered: the deadline goes into the entered event.
    Instant waitUntil = null;
    StatesError early = null;
    if (st instanceof WaitState wait) {
      try {
        waitUntil = waitDeadline(b, wait, raw);
        enteredInternal.put("waitUntil", waitUntil.toString());
      } catch (StatesError e) {
        early = e;
      }
    }
    HistoryEvent entered =
        run.emit(st.type() + "StateEntered", enteredDetails(st, raw), enteredInternal);
    if (early != null) {
      fail(b, st, early, List.of());
      return;
    }
    try {
      switch (st) {
        case PassState pass -> pass(b, pass, raw);
        case ChoiceState choice -> choice(b, choice, raw);
        case SucceedState succeed -> succeed(b, succeed, raw);
        case FailState failState -> failState(b, failState, raw);
        case WaitState wait -> run.effects.add(new Effect.ScheduleTimer(entered.id(), waitUntil));
        case TaskState task -> tasks.schedule(b, task);
        case ParallelState parallel when b.resume -> resumeParallel(b, parallel);
        case ParallelState parallel -> startParallel(b, parallel);
        case MapState map when b.resume -> maps.resume(b, map);
        case MapState map -> maps.start(b, map);
      }
    } catch (StatesError e) {
      fail(b, st, e, List.of());
    }
  }

  private static Map<String, Object> enteredDetails(State st, Object input) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("input", input);
    details.put("inputDetails", Map.of("truncated", false));
    details.put("name", st.name());
    return details;
  }

  // ---- Pass, Choice, Succeed, Fail, Wait ----

  private void pass(Branch b, PassState pass, Object raw) {
    Common c = pass.common();
    if (c.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw);
      Object output = jsonataOutput(c, scope, raw);
      exit(b, pass, output, Expressions.assignJsonata(c.assign(), scope), c.next());
      return;
    }
    Scope scope = contexts.jsonPath(b, raw);
    Object effective = Expressions.inputPath(c.inputPath(), scope);
    Object result = effective;
    if (c.parameters() != null) {
      result = Expressions.template(c.parameters(), scope.withInput(effective), "Parameters");
    }
    if (pass.hasResult()) {
      result = io.stepflow.asl.json.Json.deepCopy(pass.result());
      run.probe.seen(b, "result", result); // AWS shows no input processing for a Result
    } else {
      run.probe.seen(b, "afterInputPath", effective);
      run.probe.seen(b, "afterParameters", result);
    }
    run.probe.seen(b, "afterResultSelector", result);
    Map<String, Object> assigned = Expressions.assignJsonPath(c.assign(), scope.withInput(result));
    Object withResult = Expressions.resultPath(raw, c.resultPath(), result);
    run.probe.seen(b, "afterResultPath", withResult);
    Object output = Expressions.outputPath(c.outputPath(), withResult, scope);
    exit(b, pass, output, assigned, c.next());
  }

  private void choice(Branch b, ChoiceState choice, Object raw) {
    Common c = choice.common();
    if (c.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw);
      for (ChoiceBranch branch : choice.choices()) {
        if (condition(branch.condition(), scope)) {
          Object output =
              branch.hasOutput()
                  ? Expressions.jsonataTemplate(branch.output(), scope, "Output")
                  : jsonataOutput(c, scope, raw);
          exit(b, choice, output, Expressions.assignJsonata(branch.assign(), scope), branch.next());
          return;
        }
      }
      noMatch(b, choice, raw, scope, null);
      return;
    }
    Scope scope = contexts.jsonPath(b, raw);
    Object effective = Expressions.inputPath(c.inputPath(), scope);
    run.probe.seen(b, "afterInputPath", effective);
    Scope ruleScope = scope.withInput(effective);
    for (ChoiceBranch branch : choice.choices()) {
      if (branch.rule().matches(ruleScope)) {
        Map<String, Object> assigned = Expressions.assignJsonPath(branch.assign(), ruleScope);
        Object output = Expressions.outputPath(c.outputPath(), effective, scope);
        exit(b, choice, output, assigned, branch.next());
        return;
      }
    }
    noMatch(b, choice, effective, null, scope);
  }

  private void noMatch(
      Branch b, ChoiceState choice, Object effective, JsonataScope jsonata, Scope jsonPath) {
    Common c = choice.common();
    if (choice.defaultNext() == null) {
      throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
    }
    Object output;
    Map<String, Object> assigned = Map.of();
    if (jsonata != null) {
      output = jsonataOutput(c, jsonata, effective);
      assigned = Expressions.assignJsonata(c.assign(), jsonata);
    } else {
      assigned = Expressions.assignJsonPath(c.assign(), jsonPath.withInput(effective));
      output = Expressions.outputPath(c.outputPath(), effective, jsonPath);
    }
    exit(b, choice, output, assigned, choice.defaultNext());
  }

  private static boolean condition(Object condition, JsonataScope scope) {
    Object value = condition;
    if (JsonataEvaluator.isExpression(condition)) {
      value = Expressions.jsonataTemplate(condition, scope, "Condition");
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new StatesError(
        ErrorNames.QUERY_EVALUATION_ERROR,
        "The JSONata expression '"
            + condition
            + "' specified for the field 'Condition' returned an unexpected data type.");
  }

  private void succeed(Branch b, SucceedState succeed, Object raw) {
    Common c = succeed.common();
    if (c.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw);
      Object output = jsonataOutput(c, scope, raw);
      exit(b, succeed, output, Map.of(), null);
      return;
    }
    Scope scope = contexts.jsonPath(b, raw);
    Object effective = Expressions.inputPath(c.inputPath(), scope);
    run.probe.seen(b, "afterInputPath", effective);
    exit(b, succeed, Expressions.outputPath(c.outputPath(), effective, scope), Map.of(), null);
  }

  private void failState(Branch b, FailState fail, Object raw) {
    String error;
    String cause;
    if (fail.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw);
      error = text(Expressions.jsonataTemplate(fail.error(), scope, "Error"));
      cause = text(Expressions.jsonataTemplate(fail.cause(), scope, "Cause"));
    } else {
      Scope scope = contexts.jsonPath(b, raw);
      run.probe.seen(b, "afterInputPath", raw);
      error =
          fail.errorPath() != null
              ? text(readField(scope, fail.errorPath(), "ErrorPath"))
              : text(fail.error());
      cause =
          fail.causePath() != null
              ? text(readField(scope, fail.causePath(), "CausePath"))
              : text(fail.cause());
    }
    failBranch(b, error, cause);
  }

  /** Reads a *Path field that may also hold an intrinsic function call. */
  private static Object readField(Scope scope, String path, String field) {
    if (io.stepflow.asl.intrinsic.IntrinsicFunctions.isIntrinsic(path)) {
      return io.stepflow.asl.intrinsic.IntrinsicFunctions.evaluate(path, scope, scope.random());
    }
    Object value = scope.readOrElse(path, Numbers.ABSENT);
    if (value == Numbers.ABSENT) {
      throw Run.runtime(
          "The JSONPath '"
              + path
              + "' specified for the field '"
              + field
              + "' could not be found in the input '"
              + Run.json(scope.input())
              + "'");
    }
    return value;
  }

  /** A JSONata state's Output when it has one, else what the state outputs by default. */
  private static Object jsonataOutput(Common c, JsonataScope scope, Object fallback) {
    return c.hasOutput() ? Expressions.jsonataTemplate(c.output(), scope, "Output") : fallback;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof String str ? str : Run.json(value);
  }

  private Instant waitDeadline(Branch b, WaitState wait, Object raw) {
    Instant entered = run.now();
    if (wait.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw);
      if (wait.seconds() != null) {
        Object seconds = Expressions.jsonataTemplate(wait.seconds(), scope, "Seconds");
        return entered.plusSeconds(Numbers.wholeSeconds(seconds, "Seconds", wait.seconds()));
      }
      Object timestamp = Expressions.jsonataTemplate(wait.timestamp(), scope, "Timestamp");
      return Numbers.timestamp(timestamp, "Timestamp", wait.timestamp(), true);
    }
    Scope scope = contexts.jsonPath(b, raw);
    Object effective = Expressions.inputPath(wait.common().inputPath(), scope);
    if (wait.seconds() != null) {
      return entered.plusSeconds(((Number) wait.seconds()).longValue());
    }
    if (wait.timestamp() != null) {
      return Numbers.timestamp(wait.timestamp(), "Timestamp", null, false);
    }
    Scope inputScope = scope.withInput(effective);
    if (wait.secondsPath() != null) {
      Object value = inputScope.readOrElse(wait.secondsPath(), Numbers.ABSENT);
      if (value == Numbers.ABSENT) {
        throw Run.runtime(
            "The SecondsPath parameter does not reference an input value: " + wait.secondsPath());
      }
      return entered.plusSeconds(Numbers.secondsPathValue(value, wait.secondsPath()));
    }
    Object value = inputScope.readOrElse(wait.timestampPath(), Numbers.ABSENT);
    if (value == Numbers.ABSENT) {
      throw Run.runtime(
          "The TimestampPath parameter does not reference an input value: " + wait.timestampPath());
    }
    return Numbers.timestampPathValue(value, wait.timestampPath());
  }

  void waitElapsed(Branch b) {
    WaitState wait = (WaitState) Run.stateOf(b);
    Object raw = b.stateInput;
    Common c = wait.common();
    try {
      if (c.queryLanguage() == QueryLanguage.JSONATA) {
        JsonataScope scope = contexts.jsonata(b, raw);
        Object output = jsonataOutput(c, scope, raw);
        exit(b, wait, output, Expressions.assignJsonata(c.assign(), scope), c.next());
        return;
      }
      Scope scope = contexts.jsonPath(b, raw);
      Object effective = Expressions.inputPath(c.inputPath(), scope);
      Map<String, Object> assigned =
          Expressions.assignJsonPath(c.assign(), scope.withInput(effective));
      exit(b, wait, Expressions.outputPath(c.outputPath(), effective, scope), assigned, c.next());
    } catch (StatesError e) {
      fail(b, wait, e, List.of());
    }
  }

  // ---- Parallel ----

  private void startParallel(Branch b, ParallelState parallel) {
    Object input = stateArguments(b, parallel);
    Map<String, Object> internal = Run.internal(b);
    internal.put("input", input);
    run.emit("ParallelStateStarted", Map.of(), internal);
    StateProbe.StandIn standIn = run.probe.children(b);
    if (standIn != null) {
      cancelChildren(b);
      if (standIn.error() != null) {
        fail(b, parallel, standIn.error(), new Carrier("ParallelStateFailed", Map.of()));
      } else {
        finishWithResult(b, parallel, standIn.result());
      }
      return;
    }
    driveChildren(b, parallel);
  }

  /** A redriven Parallel runs again only the branches that had not succeeded. */
  private void resumeParallel(Branch b, ParallelState parallel) {
    Map<String, Object> internal = Run.internal(b);
    internal.put("resume", true);
    run.emit("ParallelStateStarted", Map.of(), internal);
    driveChildren(b, parallel);
  }

  private void driveChildren(Branch b, ParallelState parallel) {
    for (String childId : List.copyOf(b.children)) {
      Branch child = s.branches.get(childId);
      run.drive(child);
      if (b.status != Branch.Status.AWAITING_CHILDREN) {
        return; // a branch failed and the Parallel state handled it
      }
    }
    if (b.finished == b.children.size()) {
      completeParallel(b, parallel);
    }
  }

  void retryParallel(Branch b, ParallelState parallel) {
    startParallel(b, parallel);
  }

  private void completeParallel(Branch b, ParallelState parallel) {
    finishWithResult(b, parallel, Arrays.asList(b.results.clone()));
  }

  /** A Parallel's or Map's input to its children: InputPath and Parameters, or Arguments. */
  Object stateArguments(Branch b, State st) {
    Common c = st.common();
    Object raw = b.stateInput;
    if (c.queryLanguage() == QueryLanguage.JSONATA) {
      if (c.arguments() == null) {
        return raw;
      }
      Object arguments =
          Expressions.jsonataTemplate(c.arguments(), contexts.jsonata(b, raw), "Arguments");
      run.probe.seen(b, "afterArguments", arguments);
      return arguments;
    }
    Scope scope = contexts.jsonPath(b, raw);
    Object effective = Expressions.inputPath(c.inputPath(), scope);
    run.probe.seen(b, "afterInputPath", effective);
    if (c.parameters() != null && !(st instanceof MapState)) {
      Object parameters =
          Expressions.template(c.parameters(), scope.withInput(effective), "Parameters");
      run.probe.seen(b, "afterParameters", parameters);
      return parameters;
    }
    return effective;
  }

  /** A child branch ended (succeeded or failed); the parent decides what follows. */
  void childEnded(Branch parent, Branch child) {
    State st = Run.stateOf(parent);
    if (st instanceof MapState map) {
      maps.childEnded(parent, child, map);
    } else if (st instanceof ParallelState parallel && parent.finished == parent.children.size()) {
      completeParallel(parent, parallel);
    }
  }

  // ---- results, exits and errors ----

  /** Applies ResultSelector, ResultPath, OutputPath (or Output) and Assign to a result. */
  void finishWithResult(Branch b, State st, Object result) {
    Common c = st.common();
    Object raw = b.stateInput;
    try {
      if (c.queryLanguage() == QueryLanguage.JSONATA) {
        JsonataScope scope = contexts.jsonata(b, raw).withResult(result);
        run.probe.seen(b, "result", result);
        Object output = jsonataOutput(c, scope, result);
        exit(b, st, output, Expressions.assignJsonata(c.assign(), scope), c.next());
        return;
      }
      Scope scope = contexts.jsonPath(b, raw);
      run.probe.seen(b, "result", result);
      Object selected =
          c.resultSelector() == null
              ? result
              : Expressions.template(c.resultSelector(), scope.withInput(result), "ResultSelector");
      run.probe.seen(b, "afterResultSelector", selected);
      Map<String, Object> assigned =
          Expressions.assignJsonPath(c.assign(), scope.withInput(selected));
      Object withResult = Expressions.resultPath(raw, c.resultPath(), selected);
      run.probe.seen(b, "afterResultPath", withResult);
      exit(b, st, Expressions.outputPath(c.outputPath(), withResult, scope), assigned, c.next());
    } catch (StatesError e) {
      fail(b, st, e, List.of());
    }
  }

  void exit(Branch b, State st, Object output, Map<String, Object> assigned, String next) {
    if (PayloadSize.exceeds(output, run.settings.maxPayloadBytes())) {
      failBranch(
          b,
          ErrorNames.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + st.name()
              + "' returned a result with a size exceeding the maximum number of bytes service"
              + " limit.");
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (!assigned.isEmpty()) {
      Map<String, Object> shown = new LinkedHashMap<>();
      assigned.forEach((k, v) -> shown.put(k, Run.json(v)));
      details.put("assignedVariables", shown);
      details.put("assignedVariablesDetails", Map.of("truncated", false));
    }
    details.put("name", st.name());
    details.put("output", output);
    details.put("outputDetails", Map.of("truncated", false));
    Map<String, Object> internal = Run.internal(b);
    internal.put("next", next);
    if (!assigned.isEmpty()) {
      internal.put("assigned", assigned);
    }
    run.emit(st.type() + "StateExited", details, internal);
    if (next == null && b.parentId == null) {
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("output", output);
      done.put("outputDetails", Map.of("truncated", false));
      run.emit("ExecutionSucceeded", done, Map.of());
    }
  }

  /**
   * A state failed: retry it, catch the error, or fail its branch. {@code carrierType} names the
   * event that reports the failure (TaskFailed, ParallelStateFailed...), or null when AWS reports
   * none; the retry decision travels in it.
   */
  void fail(Branch b, State st, StatesError error, Carrier carrier) {
    fail(b, st, error, carrier == null ? List.of() : List.of(carrier));
  }

  /**
   * A state failed: retry it, catch the error, or fail its branch. {@code carriers} are the events
   * that report the failure. Task events (TaskFailed...) and EvaluationFailed always show; a
   * Parallel's or Map's own failure event shows unless the state is retried. The retry decision
   * travels in the last event emitted.
   */
  void fail(Branch b, State st, StatesError error, List<Carrier> carriers) {
    String cause = decorate(b, error);
    String name = error.error();
    run.probe.failed(b, st, new StatesError(name, cause));
    List<Carrier> visible = new ArrayList<>();
    Carrier structural = null;
    for (Carrier carrier : carriers) {
      if (carrier.type().equals("ParallelStateFailed") || carrier.type().equals("MapStateFailed")) {
        structural = carrier;
      } else {
        visible.add(carrier);
      }
    }
    if (visible.isEmpty() && isEvaluationError(name)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("cause", cause);
      details.put("error", name);
      details.put("location", location(cause));
      details.put("state", st.name());
      visible.add(new Carrier("EvaluationFailed", details));
    }
    for (int i = 0; i < visible.size() - 1; i++) {
      run.emit(visible.get(i).type(), visible.get(i).details(), Run.internal(b));
    }
    Carrier last = visible.isEmpty() ? null : visible.get(visible.size() - 1);
    List<Retrier> retriers = st.common().retry();
    for (int i = 0; i < retriers.size(); i++) {
      Retrier retrier = retriers.get(i);
      if (ErrorMatching.matches(retrier.errorEquals(), name) && !ErrorNames.RUNTIME.equals(name)) {
        int attempts = run.probe.retriesSoFar(b, i, b.retriesByRetrier.getOrDefault(i, 0));
        if (attempts < retrier.maxAttempts()) {
          Duration delay = ErrorMatching.delay(retrier, attempts, run.settings.random());
          Instant at = run.now().plus(delay);
          Map<String, Object> internal = Run.internal(b);
          internal.put("retrier", i);
          internal.put("retryAt", at.toString());
          if (last == null) {
            internal.put("hidden", true);
          }
          HistoryEvent e =
              run.emit(
                  last == null ? "RetryScheduled" : last.type(),
                  last == null ? Map.of() : last.details(),
                  internal);
          run.effects.add(new Effect.ScheduleTimer(e.id(), at));
          return;
        }
        break; // the first matching retrier decides, even when it has no attempts left
      }
    }
    if (last != null) {
      run.emit(last.type(), last.details(), Run.internal(b));
    }
    if (structural != null) {
      run.emit(structural.type(), structural.details(), Run.internal(b));
    }
    for (Catcher catcher : st.common().catchers()) {
      if (ErrorMatching.matches(catcher.errorEquals(), name)) {
        caught(b, st, catcher, name, cause);
        return;
      }
    }
    failBranch(b, name, cause);
  }

  private void caught(Branch b, State st, Catcher catcher, String error, String cause) {
    Map<String, Object> errorOutput = new LinkedHashMap<>();
    errorOutput.put("Error", error);
    errorOutput.put("Cause", cause);
    Object raw = b.stateInput;
    try {
      if (st.queryLanguage() == QueryLanguage.JSONATA) {
        JsonataScope scope = contexts.jsonata(b, raw).withErrorOutput(errorOutput);
        Object output =
            catcher.hasOutput()
                ? Expressions.jsonataTemplate(catcher.output(), scope, "Output")
                : errorOutput;
        exit(b, st, output, Expressions.assignJsonata(catcher.assign(), scope), catcher.next());
        return;
      }
      Scope scope = contexts.jsonPath(b, raw);
      Map<String, Object> assigned =
          Expressions.assignJsonPath(catcher.assign(), scope.withInput(errorOutput));
      Object output = Expressions.resultPath(raw, catcher.resultPath(), errorOutput);
      exit(b, st, output, assigned, catcher.next());
    } catch (StatesError e) {
      failBranch(b, e.error(), decorate(b, e));
    }
  }

  /** A branch ends with an error: the execution fails, or the Parallel or Map above hears it. */
  void failBranch(Branch b, String error, String cause) {
    if (b.parentId == null) {
      run.cancelOpenWork();
      Map<String, Object> details = new LinkedHashMap<>();
      if (error != null) {
        details.put("error", error);
      }
      if (cause != null) {
        details.put("cause", cause);
      }
      run.emit("ExecutionFailed", details, Map.of());
      return;
    }
    Branch parent = s.branches.get(b.parentId);
    State parentState = Run.stateOf(parent);
    if (parentState instanceof MapState map) {
      maps.iterationFailed(parent, b, map, error, cause);
      return;
    }
    abortChildren(parent);
    fail(
        parent,
        parentState,
        new StatesError(error, cause),
        new Carrier("ParallelStateFailed", Map.of()));
  }

  /**
   * Stops the children of a Parallel or Map whose state failed: a child inside a state gets that
   * state's Aborted event, as in AWS's history; then all are cancelled.
   */
  void abortChildren(Branch parent) {
    cancelChildren(parent);
    for (String id : parent.children) {
      Branch child = s.branches.get(id);
      if (!child.isDone() && child.inState && !(Run.stateOf(child) instanceof FailState)) {
        run.emit(Run.stateOf(child).type() + "StateAborted", Map.of(), Run.internal(child));
      }
    }
    Map<String, Object> internal = Run.internal(parent);
    internal.put("hidden", true);
    run.emit("BranchesCancelled", Map.of(), internal);
  }

  void cancelChildren(Branch parent) {
    for (String id : parent.children) {
      Branch child = s.branches.get(id);
      if (!child.isDone()) {
        if (s.taskBranches.containsKey(child.taskId)) {
          run.effects.add(new Effect.CancelTask(child.taskId, child.taskResource));
        }
        if (child.timerId != 0) {
          run.effects.add(new Effect.CancelTimer(child.timerId));
        }
        cancelChildren(child);
      }
    }
  }

  private static boolean isEvaluationError(String name) {
    return ErrorNames.QUERY_EVALUATION_ERROR.equals(name);
  }

  private static String location(String cause) {
    int at = cause.indexOf("for the field '");
    if (at < 0) {
      return null;
    }
    int start = at + "for the field '".length();
    int end = cause.indexOf('\'', start);
    return end < 0 ? null : cause.substring(start, end);
  }

  /** AWS's cause for errors raised while the engine processes a state's data. */
  String decorate(Branch b, StatesError error) {
    String name = error.error();
    boolean processing =
        ErrorNames.RUNTIME.equals(name)
            || ErrorNames.QUERY_EVALUATION_ERROR.equals(name)
            || ErrorNames.INTRINSIC_FAILURE.equals(name);
    if (!processing || error.cause() == null || error.cause().startsWith("An error occurred")) {
      return error.cause();
    }
    return "An error occurred while executing the state '"
        + b.state
        + "' (entered at the event id #"
        + b.enteredEventId
        + "). "
        + error.cause();
  }

  // ---- tasks (delegated) ----

  void taskStarted(Branch b, Map<String, Object> details) {
    tasks.started(b, (TaskState) Run.stateOf(b), details);
  }

  void taskSubmitted(Branch b, Object output) {
    tasks.submitted(b, output);
  }

  void taskSucceeded(Branch b, Object output) {
    tasks.succeeded(b, output);
  }

  void taskFailed(Branch b, String error, String cause, boolean timedOut) {
    tasks.failed(b, error, cause, timedOut);
  }

  void taskTimedOut(Branch b, String error) {
    tasks.timedOut(b, error);
  }

  Long heartbeatSeconds(Branch b, TaskState task) {
    return tasks.heartbeatSeconds(b, task);
  }

  void retry(Branch b) {
    State st = Run.stateOf(b);
    try {
      switch (st) {
        case TaskState task -> tasks.schedule(b, task);
        case ParallelState parallel -> retryParallel(b, parallel);
        case MapState map -> maps.start(b, map);
        default ->
            throw new IllegalStateException("Expected a state that retries, but found " + st);
      }
    } catch (StatesError e) {
      fail(b, st, e, List.of());
    }
  }

  /** The event that reports a failure, with AWS's details. */
  record Carrier(String type, Map<String, Object> details) {}
}
