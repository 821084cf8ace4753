package io.stepflow.service.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background loops of this instance, on virtual threads: command workers that apply queued
 * commands, and one outbox sender. A loop never dies on one bad unit of work: it logs it, backs off
 * briefly and goes on.
 */
@Component
class Workers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final ExecutionRunner runner;
  private final OutboxSender sender;
  private final JdbcCommandInbox inbox;
  private final ExecutionSettings settings;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  Workers(
      ExecutionRunner runner,
      OutboxSender sender,
      JdbcCommandInbox inbox,
      ExecutionSettings settings) {
    this.runner = runner;
    this.sender = sender;
    this.inbox = inbox;
    this.settings = settings;
  }

  @Override
  public synchronized void start() {
    running = true;
    for (int i = 0; i < settings.workers(); i++) {
      threads.add(
          Thread.ofVirtual().name("stepflow-command-worker-" + i).start(this::applyCommands));
    }
    threads.add(Thread.ofVirtual().name("stepflow-outbox").start(this::sendOutbox));
  }

  private void applyCommands() {
    while (running) {
      long seen = inbox.signal().generation();
      try {
        if (!runner.runOnce()) {
          inbox.signal().awaitChange(seen, settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("A command worker failed; it goes on after a pause", e);
        pause();
      }
    }
  }

  private void sendOutbox() {
    while (running) {
      long seen = sender.signal().generation();
      try {
        if (!sender.sendDue()) {
          sender.signal().awaitChange(seen, settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("The outbox sender failed; it goes on after a pause", e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(Duration.ofMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    inbox.signal().wake();
    sender.signal().wake();
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
