package io.stepflow.engine;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.Definitions;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.Catcher;
import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.ParallelState;
import io.stepflow.asl.model.Retrier;
import io.stepflow.asl.model.State;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.validate.ResourceCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * AWS's TestState: runs one state of a definition against an input, once, and reports what it did.
 * The state runs through the engine's own machinery (the same Run, States, Tasks and Maps an
 * execution uses); a {@link StateProbe} watches its data processing and lets a mock stand in for
 * the Task's work or the Parallel's and Map's children. Retries are not waited for: a matching
 * retrier with attempts left makes the result RETRIABLE.
 */
public final class TestState {

  /** The name a definition of one bare state gets, as in AWS. */
  static final String SINGLE_STATE_NAME = "StateName";

  private static final Duration TASK_WAIT = Duration.ofMinutes(5);

  private TestState() {}

  /**
   * Runs one state with default {@link Options}.
   *
   * @see #run(String, String, Object, Map, String, Object, Options)
   */
  public static TestStateResult run(
      String stateDefinitionOrMachine,
      String stateName,
      Object input,
      Map<String, Object> variables,
      String inspectionLevel,
      Object mock) {
    return run(
        stateDefinitionOrMachine,
        stateName,
        input,
        variables,
        inspectionLevel,
        mock,
        Options.defaults());
  }

  /**
   * Runs one state.
   *
   * @param stateDefinitionOrMachine a state's definition, or a state machine's
   * @param stateName the state of a state machine to run; null for its StartAt (or a bare state)
   * @param input the state's input
   * @param variables the variables the state sees; null for none
   * @param inspectionLevel INFO, DEBUG or TRACE; null for INFO
   * @param mock AWS's mock object: {@code {"result": "<json text>"}} or {@code {"errorOutput":
   *     {"error": ..., "cause": ...}}}; null runs the state's Task through {@link
   *     Options#dispatcher()}
   * @throws DefinitionException when the definition is not valid, or has no such state
   */
  public static TestStateResult run(
      String stateDefinitionOrMachine,
      String stateName,
      Object input,
      Map<String, Object> variables,
      String inspectionLevel,
      Object mock,
      Options options) {
    Objects.requireNonNull(options, "options");
    Object parsed = Json.parse(stateDefinitionOrMachine);
    if (!(parsed instanceof Map<?, ?> definition)) {
      throw new DefinitionException(
          "", "Expected the definition to be a JSON object, but found " + Json.typeName(parsed));
    }
    String level = inspectionLevel == null ? "INFO" : inspectionLevel;
    Map<String, Object> vars = variables == null ? Map.of() : variables;
    SingleState single = SingleState.of(cast(definition), stateName);
    StateMachine machine = Definitions.load(single.machine(), ResourceCheck.ANY);

    String machineName = "TestState-" + UUID.randomUUID();
    String executionName = UUID.randomUUID().toString();
    String prefix = "arn:aws:states:" + options.region() + ":" + options.account() + ":";
    ExecutionInfo info =
        new ExecutionInfo(
            prefix + "express:" + machineName + ":" + executionName,
            executionName,
            prefix + "stateMachine:" + machineName,
            machineName,
            options.roleArn(),
            options.clock().instant());
    var settings =
        new ExecutionProcessor.EngineSettings(
            options.clock(),
            options.random(),
            options.region(),
            TaskTokens.PLAIN,
            ExecutionProcessor.EngineSettings.AWS_PAYLOAD_LIMIT);
    ExecutionState s = new ExecutionState(info, machine);
    Run run = new Run(s, settings);
    Probe probe = new Probe(mockOf(mock), options);
    run.probe = probe;

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("input", input == null ? new LinkedHashMap<>() : input);
    details.put("inputDetails", Map.of("truncated", false));
    details.put("roleArn", options.roleArn());
    Map<String, Object> internal = new LinkedHashMap<>();
    internal.put("variables", Json.deepCopy(vars));
    run.emit("ExecutionStarted", details, internal);
    Branch root = s.root();
    run.run(root);
    while (!s.status.isTerminal() && inTestedState(run, root)) {
      if (root.status == Branch.Status.AWAITING_TASK) {
        completeTask(run, root, probe.mock, options);
      } else if (root.status == Branch.Status.AWAITING_TIMER && retryOf(run) == null) {
        run.timerFired(root.timerId); // TestState does not wait in a Wait state
      } else {
        break;
      }
    }
    return result(run, single.name(), probe, level, vars, root);
  }

  /** Still in the state under test: it neither exited nor scheduled a retry. */
  private static boolean inTestedState(Run run, Branch root) {
    return exitOf(run) == null && retryOf(run) == null && root.status != Branch.Status.READY;
  }

  private static void completeTask(Run run, Branch root, Mock mock, Options options) {
    long taskId = root.taskId;
    if (mock != null) {
      if (mock.errorOutput() != null) {
        run.taskFailed(taskId, mock.errorOutput().error(), mock.errorOutput().cause());
      } else {
        run.taskSucceeded(taskId, mock.result());
      }
      return;
    }
    TaskRequest request = null;
    for (Effect effect : run.effects) {
      if (effect instanceof Effect.DispatchTask dispatch && dispatch.request().taskId() == taskId) {
        request = dispatch.request();
      }
    }
    if (request == null || options.dispatcher() == null) {
      run.taskFailed(
          taskId,
          "States.Runtime",
          "TestState has no connector for the resource " + root.taskResource + "; give a mock");
      return;
    }
    CompletableFuture<Object[]> outcome = new CompletableFuture<>();
    options
        .dispatcher()
        .dispatch(
            request,
            new TaskDispatcher.TaskOutcomes() {
              @Override
              public void submitted(String executionId, long id, Object output) {
                // TestState shows no history: only the task's outcome counts
              }

              @Override
              public void succeeded(String executionId, long id, Object output) {
                outcome.complete(new Object[] {true, output});
              }

              @Override
              public void failed(String executionId, long id, String error, String cause) {
                outcome.complete(new Object[] {false, error, cause});
              }
            });
    Object[] done;
    try {
      done = outcome.get(options.taskWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      done = new Object[] {false, "States.Timeout", "The task did not finish in time"};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = new Object[] {false, "States.Runtime", "Interrupted while waiting for the task"};
    } catch (ExecutionException e) {
      done = new Object[] {false, "States.TaskFailed", String.valueOf(e.getCause())};
    }
    if (Boolean.TRUE.equals(done[0])) {
      run.taskSucceeded(taskId, done[1]);
    } else {
      run.taskFailed(taskId, (String) done[1], (String) done[2]);
    }
  }

  /** The first time the tested state exited: it is the first state the root branch runs. */
  private static HistoryEvent exitOf(Run run) {
    for (HistoryEvent e : run.events) {
      if (e.type().endsWith("StateExited")
          && EventApplier.ROOT.equals(e.internal().get("branch"))) {
        return e;
      }
    }
    return null;
  }

  private static HistoryEvent retryOf(Run run) {
    for (HistoryEvent e : run.events) {
      if (e.internal().get("retryAt") instanceof String
          && EventApplier.ROOT.equals(e.internal().get("branch"))) {
        return e;
      }
    }
    return null;
  }

  private static TestStateResult result(
      Run run, String name, Probe probe, String level, Map<String, Object> variables, Branch root) {
    State st = run.s.machine.state(name);
    Map<String, Object> inspection = new LinkedHashMap<>();
    inspection.put("input", run.s.input);
    inspection.putAll(probe.steps);
    if (st instanceof ParallelState) {
      // AWS shows a Parallel's processing from its branches' result on
      inspection.keySet().removeAll(List.of("afterInputPath", "afterParameters", "afterArguments"));
    }
    if (st instanceof ParallelState || st instanceof MapState) {
      inspection.remove("result");
    }
    for (HistoryEvent e : run.events) {
      if (e.type().equals("MapStateStarted")
          && EventApplier.ROOT.equals(e.internal().get("branch"))) {
        inspection.put("maxConcurrency", e.internal().get("maxConcurrency"));
        putIfSet(inspection, "toleratedFailureCount", e.internal().get("toleratedFailureCount"));
        putIfSet(
            inspection,
            "toleratedFailurePercentage",
            e.internal().get("toleratedFailurePercentage"));
      }
    }
    HistoryEvent retry = retryOf(run);
    HistoryEvent exit = exitOf(run);
    String status;
    Object output = null;
    String error = null;
    String cause = null;
    String next = null;
    if (retry != null) {
      status = TestStateResult.RETRIABLE;
      error = probe.failure.error();
      cause = probe.failure.cause();
      Map<String, Object> errorDetails = new LinkedHashMap<>();
      Duration delay =
          Duration.between(
              retry.timestamp(), Instant.parse((String) retry.internal().get("retryAt")));
      errorDetails.put("retryBackoffIntervalSeconds", Math.round(delay.toMillis() / 1000.0));
      errorDetails.put("retryIndex", retry.internal().get("retrier"));
      inspection.put("errorDetails", errorDetails);
    } else if (exit != null) {
      output = exit.details().get("output");
      next = (String) exit.internal().get("next");
      if (probe.failure != null) {
        status = TestStateResult.CAUGHT_ERROR;
        error = probe.failure.error();
        cause = probe.failure.cause();
        List<Catcher> catchers = st.common().catchers();
        for (int i = 0; i < catchers.size(); i++) {
          if (ErrorMatching.matches(catchers.get(i).errorEquals(), error)) {
            inspection.put("errorDetails", Map.of("catchIndex", i));
            break;
          }
        }
      } else {
        status = TestStateResult.SUCCEEDED;
      }
    } else {
      status = TestStateResult.FAILED;
      error = run.s.error != null ? run.s.error : failureError(probe);
      cause = run.s.error != null ? run.s.cause : failureCause(probe);
      List<Retrier> retriers = st.common().retry();
      for (int i = 0; error != null && i < retriers.size(); i++) {
        if (ErrorMatching.matches(retriers.get(i).errorEquals(), error)) {
          inspection.put("errorDetails", Map.of("retryIndex", i)); // its attempts are used up
          break;
        }
      }
    }
    if (!variables.isEmpty() && "TRACE".equals(level)) {
      inspection.put("variables", new LinkedHashMap<>(root.variables));
    }
    return new TestStateResult(
        status, output, error, cause, next, "INFO".equals(level) ? null : inspection);
  }

  private static String failureError(Probe probe) {
    return probe.failure == null ? null : probe.failure.error();
  }

  private static String failureCause(Probe probe) {
    return probe.failure == null ? null : probe.failure.cause();
  }

  private static void putIfSet(Map<String, Object> inspection, String key, Object value) {
    if (value instanceof Number n && n.doubleValue() >= 0) {
      inspection.put(key, value);
    }
  }

  private static Mock mockOf(Object mock) {
    if (mock == null) {
      return null;
    }
    if (!(mock instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("Expected the mock to be an object, but found " + mock);
    }
    if (map.get("errorOutput") instanceof Map<?, ?> errorOutput) {
      return new Mock(
          null,
          new StatesError((String) errorOutput.get("error"), (String) errorOutput.get("cause")));
    }
    Object result = map.get("result");
    if (result instanceof String text) {
      result = Json.parse(text);
    }
    return map.containsKey("result") ? new Mock(result, null) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  record Mock(Object result, StatesError errorOutput) {}

  /**
   * What TestState needs besides the request.
   *
   * @param clock where the state's times come from
   * @param random where retry jitter comes from
   * @param region the region in ARNs
   * @param account the account in ARNs
   * @param roleArn the role the context object names
   * @param context the context object the state sees instead of the one made up; null for that
   * @param stateConfiguration AWS's stateConfiguration: {@code retrierRetryCount}, {@code
   *     mapIterationFailureCount}, {@code mapItemReaderData} (JSON text), {@code
   *     errorCausedByState}
   * @param dispatcher runs a Task that has no mock; null fails such a Task
   * @param taskWait how long to wait for the dispatcher
   */
  public record Options(
      Clock clock,
      RandomGenerator random,
      String region,
      String account,
      String roleArn,
      Map<String, Object> context,
      Map<String, Object> stateConfiguration,
      TaskDispatcher dispatcher,
      Duration taskWait) {

    public static Options defaults() {
      return new Options(
          Clock.systemUTC(),
          new java.security.SecureRandom(),
          "us-east-1",
          "000000000000",
          null,
          null,
          Map.of(),
          null,
          TASK_WAIT);
    }

    public Options withClock(Clock value) {
      return new Options(
          value,
          random,
          region,
          account,
          roleArn,
          context,
          stateConfiguration,
          dispatcher,
          taskWait);
    }

    public Options withAccount(String regionValue, String accountValue) {
      return new Options(
          clock,
          random,
          regionValue,
          accountValue,
          roleArn,
          context,
          stateConfiguration,
          dispatcher,
          taskWait);
    }

    public Options withRoleArn(String value) {
      return new Options(
          clock, random, region, account, value, context, stateConfiguration, dispatcher, taskWait);
    }

    public Options withContext(Map<String, Object> value) {
      return new Options(
          clock, random, region, account, roleArn, value, stateConfiguration, dispatcher, taskWait);
    }

    public Options withStateConfiguration(Map<String, Object> value) {
      return new Options(
          clock,
          random,
          region,
          account,
          roleArn,
          context,
          value == null ? Map.of() : value,
          dispatcher,
          taskWait);
    }

    public Options withDispatcher(TaskDispatcher value) {
      return new Options(
          clock, random, region, account, roleArn, context, stateConfiguration, value, taskWait);
    }
  }

  /** Watches the root branch, which runs the tested state first. */
  private static final class Probe implements StateProbe {

    final Mock mock;
    final Options options;
    final Map<String, Object> steps = new LinkedHashMap<>();
    StatesError failure;

    Probe(Mock mock, Options options) {
      this.mock = mock;
      this.options = options;
    }

    /** The event id the tested state entered at: the root branch's first state. */
    private long enteredAt;

    private boolean tested(Branch b) {
      if (b.parentId != null) {
        return false;
      }
      if (enteredAt == 0) {
        enteredAt = b.enteredEventId;
      }
      return b.enteredEventId == enteredAt;
    }

    @Override
    public void seen(Branch b, String step, Object value) {
      if (tested(b) && b.inState) {
        steps.put(step, Json.deepCopy(value));
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> context(Map<String, Object> built) {
      if (options.context() == null) {
        // AWS's made-up context: no RedriveCount, and the state is always named StateName
        Map<String, Object> made = new LinkedHashMap<>(built);
        if (made.get("Execution") instanceof Map<?, ?> execution) {
          Map<String, Object> copy = new LinkedHashMap<>(cast(execution));
          copy.remove("RedriveCount");
          made.put("Execution", copy);
        }
        if (made.get("State") instanceof Map<?, ?> state) {
          Map<String, Object> copy = new LinkedHashMap<>(cast(state));
          copy.put("Name", SINGLE_STATE_NAME);
          made.put("State", copy);
        }
        return made;
      }
      Map<String, Object> given = (Map<String, Object>) Json.deepCopy(options.context());
      for (Map.Entry<String, Object> extra : built.entrySet()) {
        if (!List.of("Execution", "StateMachine", "State", "Task").contains(extra.getKey())) {
          given.put(extra.getKey(), extra.getValue()); // $$.Map.Item of an iteration
        }
      }
      return given;
    }

    @Override
    public int retriesSoFar(Branch b, int index, int counted) {
      Object given = options.stateConfiguration().get("retrierRetryCount");
      return tested(b) && given instanceof Number n ? n.intValue() : counted;
    }

    @Override
    public void failed(Branch b, State st, StatesError error) {
      if (tested(b)) {
        failure = error;
      }
    }

    @Override
    public Object readerItems(Branch b) {
      Object data = options.stateConfiguration().get("mapItemReaderData");
      return data instanceof String text ? Json.parse(text) : data;
    }

    @Override
    public StandIn children(Branch b) {
      if (!tested(b) || mock == null) {
        return null;
      }
      Object failures = options.stateConfiguration().get("mapIterationFailureCount");
      return new StandIn(
          mock.result(), mock.errorOutput(), failures instanceof Number n ? n.intValue() : 0);
    }
  }

  /**
   * The one state to test, as a state machine the engine runs: the state first, and a Succeed state
   * for each state it may go to, so that a bare state's transitions are valid.
   */
  record SingleState(String name, Map<String, Object> machine) {

    @SuppressWarnings("unchecked")
    static SingleState of(Map<String, Object> definition, String stateName) {
      if (definition.get("States") instanceof Map<?, ?> states) {
        Definitions.load(definition, ResourceCheck.ANY); // the whole machine must be valid
        String name = stateName != null ? stateName : (String) definition.get("StartAt");
        Map<String, Object> machine = new LinkedHashMap<>();
        Map<String, Object> state = find(definition, name, machine);
        if (state == null) {
          throw new DefinitionException(
              "/States", "Expected a state named '" + name + "', but the definition has none");
        }
        return new SingleState(name, wrap(machine, name, state));
      }
      if (stateName != null) {
        throw new DefinitionException(
            "", "A state name was given, but the definition is a single state");
      }
      return new SingleState(
          SINGLE_STATE_NAME, wrap(new LinkedHashMap<>(), SINGLE_STATE_NAME, definition));
    }

    /**
     * The state named {@code name} in {@code machine} or in a Parallel's or Map's machine within;
     * {@code top} gets the QueryLanguage the state inherits.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(
        Map<String, Object> machine, String name, Map<String, Object> top) {
      Object language = machine.get("QueryLanguage");
      if (machine.get("States") instanceof Map<?, ?> states) {
        if (states.get(name) instanceof Map<?, ?> state) {
          if (language != null) {
            top.put("QueryLanguage", language);
          }
          return (Map<String, Object>) state;
        }
        for (Object value : states.values()) {
          if (!(value instanceof Map<?, ?> state)) {
            continue;
          }
          List<Object> inner = new java.util.ArrayList<>();
          inner.add(state.get("ItemProcessor"));
          inner.add(state.get("Iterator"));
          if (state.get("Branches") instanceof List<?> branches) {
            inner.addAll(branches);
          }
          for (Object child : inner) {
            if (child instanceof Map<?, ?> childMachine) {
              Map<String, Object> found = find((Map<String, Object>) childMachine, name, top);
              if (found != null) {
                if (language != null) {
                  top.putIfAbsent("QueryLanguage", language);
                }
                return found;
              }
            }
          }
        }
      }
      return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> wrap(
        Map<String, Object> machine, String name, Map<String, Object> state) {
      Map<String, Object> states = new LinkedHashMap<>();
      states.put(name, Json.deepCopy(state));
      machine.put("StartAt", name);
      machine.put("States", states);
      for (String target : targets(state)) {
        if (!target.equals(name)) {
          states.putIfAbsent(target, new LinkedHashMap<>(Map.of("Type", "Succeed")));
        }
      }
      return machine;
    }

    private static List<String> targets(Map<String, Object> state) {
      List<String> targets = new java.util.ArrayList<>();
      addTarget(targets, state.get("Next"));
      addTarget(targets, state.get("Default"));
      for (String list : List.of("Choices", "Catch")) {
        if (state.get(list) instanceof List<?> items) {
          for (Object item : items) {
            if (item instanceof Map<?, ?> map) {
              addTarget(targets, map.get("Next"));
            }
          }
        }
      }
      return targets;
    }

    private static void addTarget(List<String> targets, Object next) {
      if (next instanceof String name) {
        targets.add(name);
      }
    }
  }
}
