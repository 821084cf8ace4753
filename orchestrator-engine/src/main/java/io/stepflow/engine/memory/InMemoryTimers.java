package io.stepflow.engine.memory;

import io.stepflow.engine.TimerService;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/** Timers in a queue ordered by deadline; the runtime fires them as its clock moves. */
public final class InMemoryTimers implements TimerService {

  /** A set timer. */
  public record Due(String executionId, long timerId, Instant at) {}

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::timerId));

  @Override
  public synchronized void schedule(String executionId, long timerId, Instant at) {
    queue.add(new Due(executionId, timerId, at));
  }

  @Override
  public synchronized void cancel(String executionId, long timerId) {
    queue.removeIf(d -> d.executionId().equals(executionId) && d.timerId() == timerId);
  }

  /** The earliest timer, if any. */
  public synchronized Optional<Due> peek() {
    return Optional.ofNullable(queue.peek());
  }

  /** Removes and returns the earliest timer due at or before {@code now}. */
  public synchronized Optional<Due> pollDue(Instant now) {
    Due first = queue.peek();
    if (first == null || first.at().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(queue.poll());
  }
}
