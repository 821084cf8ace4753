package io.stepflow.service.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.memory.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateMachineCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  private final StateMachineCache cache =
      new StateMachineCache(new StateMachineSettings(Duration.ofSeconds(1)), clock);
  private final AtomicInteger reads = new AtomicInteger();

  private Optional<String> read() {
    return Optional.of("definition-" + reads.incrementAndGet());
  }

  @Test
  void shouldReuseARowUntilItsTimeIsUp() {
    // given a row read once
    assertThat(cache.get("arn:m", this::read)).contains("definition-1");

    // when it is asked for again within the time, and after it
    Optional<String> within = cache.get("arn:m", this::read);
    clock.advance(Duration.ofSeconds(1));
    Optional<String> after = cache.get("arn:m", this::read);

    // then the first answer comes from the cache and the second from the database
    assertThat(within).contains("definition-1");
    assertThat(after).contains("definition-2");
  }

  @Test
  void shouldReadAgainAtOnceAfterAChangeOnThisInstance() {
    // given a cached row
    cache.get("arn:m", this::read);

    // when this instance changes a state machine
    cache.changed();

    // then the next start reads the database
    assertThat(cache.get("arn:m", this::read)).contains("definition-2");
  }

  @Test
  void shouldNotKeepARowReadWhileAChangeCommitted() {
    // given a read that a change overtakes (it commits while the row is being read)
    cache.get(
        "arn:m",
        () -> {
          Optional<String> row = read();
          cache.changed();
          return row;
        });

    // when the row is asked for again
    Optional<String> again = cache.get("arn:m", this::read);

    // then the row read before the change is not used after it
    assertThat(again).contains("definition-2");
  }

  @Test
  void shouldNotRememberThatARowWasMissing() {
    // given a lookup that found nothing (a machine another instance is creating)
    assertThat(cache.get("arn:m", Optional::<String>empty)).isEmpty();

    // when it exists a moment later
    Optional<String> found = cache.get("arn:m", this::read);

    // then it is found at once
    assertThat(found).contains("definition-1");
  }

  @Test
  void shouldReadTheDatabaseOnEveryStartWhenTheTimeIsZero() {
    // given a cache turned off
    StateMachineCache off = new StateMachineCache(new StateMachineSettings(Duration.ZERO), clock);

    // when a row is asked for twice
    off.get("arn:m", this::read);
    Optional<String> second = off.get("arn:m", this::read);

    // then both came from the database
    assertThat(second).contains("definition-2");
  }
}
