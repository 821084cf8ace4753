package io.stepflow.engine.memory;

import io.stepflow.asl.model.StateMachine;
import io.stepflow.engine.Command;
import io.stepflow.engine.Decision;
import io.stepflow.engine.Effect;
import io.stepflow.engine.ExecutionInfo;
import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.engine.ExecutionState;
import io.stepflow.engine.ExecutionStore.StoredExecution;
import io.stepflow.engine.HistoryEvent;
import io.stepflow.engine.TaskDispatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine with every port in memory: a whole definition runs in milliseconds, its Waits
 * included, because time moves only when the caller moves it. Not thread-safe.
 */
public final class InMemoryRuntime {

  private final MutableClock clock;
  private final ExecutionProcessor processor;
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryTimers timers = new InMemoryTimers();
  private final TaskDispatcher dispatcher;
  private final Map<String, ExecutionState> states = new HashMap<>();
  private final Deque<Pending> queue = new ArrayDeque<>();

  private record Pending(String executionArn, Command command) {}

  public InMemoryRuntime(
      MutableClock clock, ExecutionProcessor.EngineSettings settings, TaskDispatcher dispatcher) {
    this.clock = clock;
    this.processor = new ExecutionProcessor(settings);
    this.dispatcher = dispatcher;
  }

  /** Starts an execution and runs it until it waits for time or outside work. */
  public ExecutionState start(ExecutionInfo info, StateMachine machine, Object input) {
    store.create(info, machine);
    ExecutionState state = new ExecutionState(info, machine);
    states.put(info.executionArn(), state);
    send(info.executionArn(), new Command.StartExecution(input));
    return state;
  }

  /** Handles a command (and whatever it leads to that needs no time to pass). */
  public void send(String executionArn, Command command) {
    queue.add(new Pending(executionArn, command));
    drain();
  }

  /** Moves the clock forward, firing every timer that falls due on the way, in order. */
  public void advance(Duration duration) {
    var until = clock.instant().plus(duration);
    while (true) {
      var next = timers.peek();
      if (next.isEmpty() || next.get().at().isAfter(until)) {
        break;
      }
      if (next.get().at().isAfter(clock.instant())) {
        clock.set(next.get().at());
      }
      fireDue();
    }
    clock.set(until);
  }

  /**
   * Fires timers, moving the clock to each, until none is left or {@code limit} has passed. Use it
   * to run an execution to its end when nothing outside is pending.
   */
  public void runTimers(Duration limit) {
    var until = clock.instant().plus(limit);
    while (true) {
      var next = timers.peek();
      if (next.isEmpty() || next.get().at().isAfter(until)) {
        return;
      }
      if (next.get().at().isAfter(clock.instant())) {
        clock.set(next.get().at());
      }
      fireDue();
    }
  }

  private void fireDue() {
    var due = timers.pollDue(clock.instant());
    while (due.isPresent()) {
      send(due.get().executionId(), new Command.FireTimer(due.get().timerId()));
      due = timers.pollDue(clock.instant());
    }
  }

  public ExecutionState execution(String executionArn) {
    return states.get(executionArn);
  }

  public List<HistoryEvent> history(String executionArn) {
    return store.find(executionArn).map(StoredExecution::history).orElseThrow();
  }

  public MutableClock clock() {
    return clock;
  }

  private void drain() {
    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      ExecutionState state = states.get(next.executionArn());
      Decision decision = processor.handle(state, next.command());
      store.append(next.executionArn(), decision.events());
      for (Effect effect : decision.effects()) {
        carryOut(next.executionArn(), effect);
      }
    }
  }

  private void carryOut(String executionArn, Effect effect) {
    switch (effect) {
      case Effect.DispatchTask dispatch -> dispatcher.dispatch(dispatch.request(), outcomes);
      case Effect.CancelTask cancel ->
          dispatcher.cancel(executionArn, cancel.taskId(), cancel.resource());
      case Effect.ScheduleTimer timer -> timers.schedule(executionArn, timer.timerId(), timer.at());
      case Effect.CancelTimer timer -> timers.cancel(executionArn, timer.timerId());
    }
  }

  private final TaskDispatcher.TaskOutcomes outcomes =
      new TaskDispatcher.TaskOutcomes() {
        @Override
        public void submitted(String executionId, long taskId, Object output) {
          queue.add(new Pending(executionId, new Command.TaskSubmitted(taskId, output)));
        }

        @Override
        public void succeeded(String executionId, long taskId, Object output) {
          queue.add(new Pending(executionId, new Command.SucceedTask(taskId, output)));
        }

        @Override
        public void failed(String executionId, long taskId, String error, String cause) {
          queue.add(new Pending(executionId, new Command.FailTask(taskId, error, cause)));
        }
      };
}
