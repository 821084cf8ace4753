package io.stepflow.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Waiting for executions to end and checking their histories, through the AWS API. */
final class Executions {

  private Executions() {}

  /**
   * Polls until every execution has ended, or fails at the deadline naming the ones still running.
   */
  static Map<String, DescribeExecutionResponse> awaitAllEnded(
      SfnClient sfn, Collection<String> arns, Duration within, String context) {
    Instant deadline = Instant.now().plus(within);
    Map<String, DescribeExecutionResponse> ended = new HashMap<>();
    Set<String> running = new LinkedHashSet<>(arns);
    while (true) {
      for (String arn : List.copyOf(running)) {
        DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
        if (d.status() != ExecutionStatus.RUNNING) {
          ended.put(arn, d);
          running.remove(arn);
        }
      }
      if (running.isEmpty()) {
        return ended;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Expected every execution to end within "
                + within
                + ", but "
                + running.size()
                + " still ran, e.g. "
                + running.iterator().next()
                + "; "
                + context);
      }
      ServiceProcess.sleep(Duration.ofMillis(250));
    }
  }

  /** The whole history, oldest first. */
  static List<HistoryEvent> history(SfnClient sfn, String arn) {
    List<HistoryEvent> events = new ArrayList<>();
    sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(1000))
        .events()
        .forEach(events::add);
    return events;
  }

  /**
   * Checks what a crash or a second instance must never leave behind in the history of a machine
   * without loops: events numbered 1..n without gaps, each state entered once and exited once, each
   * activity scheduled once and completed once, and one ExecutionStarted and one
   * ExecutionSucceeded.
   */
  static void assertCleanHistory(String arn, List<HistoryEvent> events) {
    String where = " in the history of " + arn + ": " + types(events);
    assertThat(events)
        .as("event ids" + where)
        .extracting(HistoryEvent::id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
    Map<String, Long> entered =
        count(
            events.stream()
                .filter(e -> e.typeAsString().endsWith("StateEntered"))
                .map(e -> e.stateEnteredEventDetails().name())
                .toList());
    Map<String, Long> exited =
        count(
            events.stream()
                .filter(e -> e.typeAsString().endsWith("StateExited"))
                .map(e -> e.stateExitedEventDetails().name())
                .toList());
    assertThat(entered).as("states entered" + where).allSatisfy((s, n) -> assertThat(n).isOne());
    assertThat(exited).as("states exited" + where).isEqualTo(entered);
    Map<String, Long> byType = count(types(events));
    assertThat(byType.get("TaskStateEntered"))
        .as("TaskStateExited per TaskStateEntered" + where)
        .isEqualTo(byType.get("TaskStateExited"));
    assertThat(byType.getOrDefault("ActivitySucceeded", 0L))
        .as("activities completed" + where)
        .isEqualTo(byType.getOrDefault("ActivityScheduled", 0L))
        .isLessThanOrEqualTo(1L);
    assertThat(byType.get("ExecutionStarted")).as("ExecutionStarted" + where).isOne();
    assertThat(byType.get("ExecutionSucceeded")).as("ExecutionSucceeded" + where).isOne();
    assertThat(types(events)).as("the last event" + where).last().isEqualTo("ExecutionSucceeded");
  }

  static List<String> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::typeAsString).toList();
  }

  private static Map<String, Long> count(List<String> values) {
    return values.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
