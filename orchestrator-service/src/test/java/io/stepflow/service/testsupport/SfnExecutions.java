package io.stepflow.service.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskSubmittedEventDetails;

/** State machines created and executions run through the AWS SDK's Step Functions client. */
public final class SfnExecutions {

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";

  private SfnExecutions() {}

  /** Creates the state machine (or finds the same one) and answers its ARN. */
  public static String create(SfnClient sfn, String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
        .stateMachineArn();
  }

  /** Starts an execution and awaits its end. */
  public static DescribeExecutionResponse run(SfnClient sfn, String machine, String input) {
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    return awaitEnd(sfn, execution);
  }

  /** Polls the service until the execution is no longer RUNNING, at most 30 s. */
  public static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
        return d;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return d;
      }
    }
  }

  /** Polls the execution's history until it has an event of {@code type}, at most 30 s. */
  public static List<HistoryEvent> awaitEvent(SfnClient sfn, String execution, String type) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      if (events.stream().anyMatch(e -> e.typeAsString().equals(type))) {
        return events;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Expected a " + type + " event within 30 s, but the history has " + types(events));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + type, e);
      }
    }
  }

  /**
   * Checks that the history is that of one Task whose service accepted its request before it
   * succeeded, numbered 1..n with each event following the one before, and answers its
   * TaskSubmitted details as the SDK parsed them.
   */
  public static TaskSubmittedEventDetails assertSubmittedBeforeSucceeded(
      List<HistoryEvent> events) {
    assertThat(types(events))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).id()).isEqualTo(i + 1L);
      assertThat(events.get(i).previousEventId()).isEqualTo((long) i);
    }
    TaskSubmittedEventDetails details = events.get(4).taskSubmittedEventDetails();
    assertThat(details).as("taskSubmittedEventDetails").isNotNull();
    assertThat(details.outputDetails().truncated()).isFalse();
    return details;
  }

  /** The events' types, in order. */
  public static List<String> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::typeAsString).toList();
  }

  /**
   * Starts {@code count} executions with the inputs {@code input} gives for 0, 1, ..., awaits them
   * all, checks that all succeeded, and answers the seconds that took.
   */
  public static double timeExecutions(
      SfnClient sfn, String machine, IntFunction<String> input, int count) {
    long started = System.nanoTime();
    List<String> executions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String in = input.apply(i);
      executions.add(sfn.startExecution(b -> b.stateMachineArn(machine).input(in)).executionArn());
    }
    long succeeded =
        executions.stream()
            .map(e -> awaitEnd(sfn, e))
            .filter(d -> d.status() == ExecutionStatus.SUCCEEDED)
            .count();
    assertThat(succeeded).isEqualTo(count);
    return (System.nanoTime() - started) / 1e9;
  }
}
