package io.stepflow.service.statemachine;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The state machine, version and alias rows StartExecution reads on every call, kept for {@link
 * StateMachineSettings#resolveCacheTtl()}. Every write to those tables on this instance ends the
 * cache's generation when it commits, so an entry read before the change is never used after it; a
 * change through another instance is seen once the entry expires. Absence is never kept: a state
 * machine created a moment ago on another instance is found at once.
 */
@Component
class StateMachineCache {

  /** More entries than this and the cache starts over, so that it stays small. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(Object value, long generation, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final StateMachineSettings settings;
  private final Clock clock;

  StateMachineCache(StateMachineSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The row under {@code key}, from the cache while it is fresh, else from {@code load}. */
  @SuppressWarnings("unchecked")
  <T> Optional<T> get(String key, Supplier<Optional<T>> load) {
    if (settings.resolveCacheTtl().isZero()) {
      return load.get();
    }
    long current = generation.get(); // before the read: a change committed meanwhile ends it
    Instant now = clock.instant();
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == current && now.isBefore(entry.expires())) {
      return Optional.of((T) entry.value());
    }
    Optional<T> loaded = load.get();
    if (loaded.isPresent()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(loaded.get(), current, now.plus(settings.resolveCacheTtl())));
    }
    return loaded;
  }

  /**
   * A write to state machines, versions or aliases: ends the generation now and again when the
   * writing transaction commits, so that nothing read in between outlives the change.
   */
  void changed() {
    forget();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              forget();
            }
          });
    }
  }

  private void forget() {
    generation.incrementAndGet();
    entries.clear();
  }
}
