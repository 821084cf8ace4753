package io.stepflow.service.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stepflow.engine.HistoryEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters (exported at /actuator/prometheus): executions started and finished by status,
 * state transitions, task latency from scheduled to result, and the work waiting to be claimed (due
 * commands, outbox entries, activity tasks no worker took).
 */
@Component
class ExecutionMetrics {

  private static final int OPEN_TASKS_KEPT = 100_000;

  private final MeterRegistry registry;
  private final Counter started;
  private final Counter transitions;
  private final Timer taskLatency;
  private final Map<String, Instant> scheduledAt =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > OPEN_TASKS_KEPT;
        }
      };

  ExecutionMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
    this.registry = registry;
    this.started =
        Counter.builder("stepflow.executions.started")
            .description("Executions started")
            .register(registry);
    this.transitions =
        Counter.builder("stepflow.state.transitions")
            .description("States entered by executions")
            .register(registry);
    this.taskLatency =
        Timer.builder("stepflow.task.latency")
            .description("From a task's scheduling to its result, on the instance that saw both")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    waiting(
        jdbc, clock, "command", "SELECT count(*) FROM execution_command WHERE available_at <= ?");
    waiting(jdbc, clock, "outbox", "SELECT count(*) FROM outbox WHERE available_at <= ?");
    Gauge.builder(
            "stepflow.work.waiting",
            () ->
                jdbc.sql("SELECT count(*) FROM activity_task WHERE claimed_at IS NULL")
                    .query(Long.class)
                    .single())
        .tag("kind", "activity")
        .description("Work waiting to be claimed")
        .register(registry);
  }

  private void waiting(JdbcClient jdbc, Clock clock, String kind, String sql) {
    Gauge.builder(
            "stepflow.work.waiting",
            () -> jdbc.sql(sql).param(Timestamp.from(clock.instant())).query(Long.class).single())
        .tag("kind", kind)
        .description("Work waiting to be claimed")
        .register(registry);
  }

  /** Counts what a committed transition recorded. */
  void recorded(String executionArn, List<HistoryEvent> events) {
    for (HistoryEvent e : events) {
      String type = e.type();
      if (!e.visible()) {
        continue;
      }
      if (type.equals("ExecutionStarted")) {
        started.increment();
      } else if (type.startsWith("Execution")) {
        registry
            .counter("stepflow.executions.finished", "status", finishedStatus(type))
            .increment();
      } else if (type.endsWith("StateEntered")) {
        transitions.increment();
      } else if (type.endsWith("Scheduled")) {
        remember(executionArn, e);
      } else if (type.endsWith("Succeeded")
          || type.endsWith("Failed")
          || type.endsWith("TimedOut")) {
        Instant at = forget(executionArn, e);
        if (at != null) {
          taskLatency.record(Duration.between(at, e.timestamp()));
        }
      }
    }
  }

  private synchronized void remember(String executionArn, HistoryEvent e) {
    scheduledAt.put(executionArn + "#" + e.internal().get("branch"), e.timestamp());
  }

  private synchronized Instant forget(String executionArn, HistoryEvent e) {
    return scheduledAt.remove(executionArn + "#" + e.internal().get("branch"));
  }

  private static String finishedStatus(String type) {
    return switch (type) {
      case "ExecutionSucceeded" -> "SUCCEEDED";
      case "ExecutionFailed" -> "FAILED";
      case "ExecutionTimedOut" -> "TIMED_OUT";
      case "ExecutionAborted" -> "ABORTED";
      default -> type;
    };
  }
}
