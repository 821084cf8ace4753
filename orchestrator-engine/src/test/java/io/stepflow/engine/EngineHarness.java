package io.stepflow.engine;

import io.stepflow.asl.Definitions;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.engine.ExecutionProcessor.EngineSettings;
import io.stepflow.engine.memory.InMemoryRuntime;
import io.stepflow.engine.memory.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A small language for engine behaviour tests: start one execution of a definition, act on its
 * tasks as a connector would, move the clock, and read what happened. Time moves only when a test
 * calls {@link #advance(Duration)}; nothing here sleeps.
 */
final class EngineHarness {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "111111111111";
  static final String MACHINE_NAME = "harness-machine";
  static final String EXECUTION_NAME = "harness-execution";
  static final String MACHINE_ARN =
      "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + MACHINE_NAME;
  static final String EXECUTION_ARN =
      "arn:aws:states:"
          + REGION
          + ":"
          + ACCOUNT
          + ":execution:"
          + MACHINE_NAME
          + ":"
          + EXECUTION_NAME;

  private final MutableClock clock = new MutableClock(T0);
  private final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private final EngineSettings settings;
  private final InMemoryRuntime runtime;
  private StateMachine machine;
  private ExecutionInfo info;

  private EngineHarness(RandomGenerator random, int maxHistoryEvents) {
    this.settings =
        new EngineSettings(
            clock,
            random,
            REGION,
            TaskTokens.PLAIN,
            EngineSettings.AWS_PAYLOAD_LIMIT,
            maxHistoryEvents);
    this.runtime = new InMemoryRuntime(clock, settings, dispatcher);
  }

  /** A harness whose retry jitter comes from a generator seeded with 42. */
  static EngineHarness create() {
    return seeded(42);
  }

  /** A harness whose retry jitter comes from a generator seeded with {@code seed}. */
  static EngineHarness seeded(long seed) {
    return new EngineHarness(
        RandomGeneratorFactory.of("L64X128MixRandom").create(seed),
        EngineSettings.AWS_HISTORY_LIMIT);
  }

  /** A harness whose executions fail once their history reaches {@code maxHistoryEvents}. */
  static EngineHarness withHistoryLimit(int maxHistoryEvents) {
    return new EngineHarness(
        RandomGeneratorFactory.of("L64X128MixRandom").create(42), maxHistoryEvents);
  }

  // ---- acting ----

  /** Loads the definition and starts it with the input; runs until it waits for time or a task. */
  EngineHarness start(String definitionJson, String inputJson) {
    machine = Definitions.load(definitionJson, ResourceCheck.ANY);
    info =
        new ExecutionInfo(
            EXECUTION_ARN,
            EXECUTION_NAME,
            MACHINE_ARN,
            MACHINE_NAME,
            "arn:aws:iam::" + ACCOUNT + ":role/harness",
            clock.instant());
    runtime.start(info, machine, Json.parse(inputJson));
    return this;
  }

  /** Completes the only task that waits for its result. */
  EngineHarness completeTask(String outputJson) {
    return completeTask(onlyPendingTask(), outputJson);
  }

  EngineHarness completeTask(TaskRequest task, String outputJson) {
    return send(new Command.SucceedTask(task.taskId(), Json.parse(outputJson)));
  }

  /** Completes the task that was issued {@code token} (a {@code .waitForTaskToken} callback). */
  EngineHarness completeTaskWithToken(String token, String outputJson) {
    TaskRequest task =
        dispatcher.dispatched.stream()
            .filter(r -> token.equals(r.taskToken()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No task was issued the token " + token));
    return completeTask(task, outputJson);
  }

  /** Reports that the service accepted the request of the only task that waits for its result. */
  EngineHarness submitTask(String outputJson) {
    return send(new Command.TaskSubmitted(onlyPendingTask().taskId(), Json.parse(outputJson)));
  }

  /** Fails the only task that waits for its result. */
  EngineHarness failTask(String error, String cause) {
    return failTask(onlyPendingTask(), error, cause);
  }

  EngineHarness failTask(TaskRequest task, String error, String cause) {
    return send(new Command.FailTask(task.taskId(), error, cause));
  }

  /** Reports that the only task that waits for its result is still alive. */
  EngineHarness heartbeat() {
    return send(new Command.HeartbeatTask(onlyPendingTask().taskId()));
  }

  EngineHarness stop(String error, String cause) {
    return send(new Command.StopExecution(error, cause));
  }

  /** Delivers a command as the runtime would; engine exceptions reach the caller. */
  EngineHarness send(Command command) {
    runtime.send(EXECUTION_ARN, command);
    return this;
  }

  /** Moves the clock forward, firing every timer that falls due on the way. */
  EngineHarness advance(Duration duration) {
    runtime.advance(duration);
    return this;
  }

  // ---- reading ----

  ExecutionStatus status() {
    return state().status();
  }

  /** The execution's output as parsed JSON, null until it succeeded. */
  Object output() {
    return state().output();
  }

  String error() {
    return state().error();
  }

  String cause() {
    return state().cause();
  }

  /** The execution rebuilt from its stored history alone. */
  ExecutionState replay() {
    return ExecutionState.replay(info, machine, history());
  }

  ExecutionState state() {
    return runtime.execution(EXECUTION_ARN);
  }

  List<HistoryEvent> history() {
    return List.copyOf(runtime.history(EXECUTION_ARN));
  }

  List<String> eventTypes() {
    return history().stream().map(HistoryEvent::type).toList();
  }

  List<HistoryEvent> events(String type) {
    return history().stream().filter(e -> e.type().equals(type)).toList();
  }

  HistoryEvent lastEvent(String type) {
    List<HistoryEvent> found = events(type);
    if (found.isEmpty()) {
      throw new AssertionError("No " + type + " event in " + eventTypes());
    }
    return found.get(found.size() - 1);
  }

  /** Every task handed to the dispatcher, in order. */
  List<TaskRequest> dispatched() {
    return List.copyOf(dispatcher.dispatched);
  }

  /** The tasks that the engine still waits for, in the order they were dispatched. */
  List<TaskRequest> pendingTasks() {
    List<Long> open = state().openTasks();
    return dispatcher.dispatched.stream().filter(r -> open.contains(r.taskId())).toList();
  }

  /** The ids of the tasks the engine asked the dispatcher to cancel. */
  List<Long> cancelledTasks() {
    return List.copyOf(dispatcher.cancelled);
  }

  Instant now() {
    return clock.instant();
  }

  /** The clock itself, to move time without firing the runtime's timers. */
  MutableClock clock() {
    return clock;
  }

  Duration elapsed() {
    return Duration.between(T0, clock.instant());
  }

  ExecutionInfo info() {
    return info;
  }

  StateMachine machine() {
    return machine;
  }

  EngineSettings settings() {
    return settings;
  }

  private TaskRequest onlyPendingTask() {
    List<TaskRequest> pending = pendingTasks();
    if (pending.size() != 1) {
      throw new AssertionError("Expected exactly one pending task, but found " + pending);
    }
    return pending.get(0);
  }

  /** Parses JSON text, for comparing outputs. */
  static Object json(String text) {
    return Json.parse(text);
  }

  /** The details of {@code event} as a mutable map, for readable assertions. */
  static Map<String, Object> details(HistoryEvent event) {
    return new LinkedHashMap<>(event.details());
  }

  /** A dispatcher that only records: tests decide when and how each task ends. */
  static final class RecordingDispatcher implements TaskDispatcher {

    final List<TaskRequest> dispatched = new ArrayList<>();
    final List<Long> cancelled = new ArrayList<>();

    @Override
    public void dispatch(TaskRequest request, TaskOutcomes outcomes) {
      dispatched.add(request);
    }

    @Override
    public void cancel(String executionId, long taskId, String resource) {
      cancelled.add(taskId);
    }
  }
}
