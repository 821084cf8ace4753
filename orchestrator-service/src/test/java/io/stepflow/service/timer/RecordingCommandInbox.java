package io.stepflow.service.timer;

import io.stepflow.engine.Command;
import io.stepflow.service.execution.CommandInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A {@link CommandInbox} that remembers what it was given, in place of the database inbox. */
final class RecordingCommandInbox implements CommandInbox {

  /** The longest any test waits for something to happen. */
  static final Duration PATIENCE = Duration.ofSeconds(10);

  record Enqueued(String executionArn, Command command, Instant availableAt) {}

  private final Queue<Enqueued> enqueued = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failuresToCome = new AtomicInteger();

  @Override
  public void enqueue(String executionArn, Command command, Instant availableAt) {
    if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("The inbox is failing on purpose, as a database might");
    }
    enqueued.add(new Enqueued(executionArn, command, availableAt));
  }

  /** Makes the next {@code count} calls to {@link #enqueue} fail. */
  void failNext(int count) {
    failuresToCome.set(count);
  }

  List<Command> commandsFor(String executionArn) {
    return enqueued.stream()
        .filter(e -> e.executionArn().equals(executionArn))
        .map(Enqueued::command)
        .toList();
  }

  /** Waits, at most {@link #PATIENCE}, until the execution has received {@code count} commands. */
  List<Command> awaitCommandsFor(String executionArn, int count) {
    awaitUntil(() -> commandsFor(executionArn).size() >= count);
    return commandsFor(executionArn);
  }

  /** Polls {@code condition} until it holds or {@link #PATIENCE} has passed; returns either way. */
  static void awaitUntil(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Puts the recording inbox in a test's Spring context, ahead of any other inbox. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Configuration {

    @Bean
    @Primary
    RecordingCommandInbox recordingCommandInbox() {
      return new RecordingCommandInbox();
    }
  }
}
