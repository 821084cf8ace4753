package io.stepflow.service;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes threads of this instance that wait for work (command workers, long-polling activity
 * workers) when this instance has queued some; work queued by other instances is found by polling.
 */
public final class Wakeup {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;

  /**
   * Wakes the waiting threads once the current transaction commits (work it queued is invisible to
   * them before), or at once when there is no transaction.
   */
  public void wakeAfterCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      wake();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            wake();
          }
        });
  }

  public void wake() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current generation, to pass to {@link #awaitChange}. */
  public long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #wake} is called after {@code seen}, or {@code timeout} passes. */
  public void awaitChange(long seen, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (generation == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }
}
