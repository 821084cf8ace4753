package io.stepflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HostLimitsTest {

  private static final String HOST = "http://orders:8080";

  @Test
  void shouldGrantUpToTheBoundAndQueueTheRestInArrivalOrder() {
    // given a bound of two requests per host
    HostLimits limits = new HostLimits(2);

    // when four requests ask for the same host
    CompletableFuture<Void> first = limits.acquire(HOST);
    CompletableFuture<Void> second = limits.acquire(HOST);
    CompletableFuture<Void> third = limits.acquire(HOST);
    CompletableFuture<Void> fourth = limits.acquire(HOST);

    // then two run and two wait, and each release lets the oldest waiter run
    assertThat(first).isDone();
    assertThat(second).isDone();
    assertThat(third).isNotDone();
    assertThat(fourth).isNotDone();
    limits.release(HOST);
    assertThat(third).isDone();
    assertThat(fourth).isNotDone();
    assertThat(limits.active(HOST)).isEqualTo(2);
  }

  @Test
  void shouldNotCountAnotherHostAgainstTheBound() {
    // given a bound of one request per host, in use for one host
    HostLimits limits = new HostLimits(1);
    limits.acquire(HOST);

    // when another host is asked for
    CompletableFuture<Void> other = limits.acquire("http://billing:8080");

    // then it runs at once
    assertThat(other).isDone();
  }

  @Test
  void shouldPassThePermitOverAWaiterThatGaveUp() {
    // given one request running and two waiting, the first of which is cancelled
    HostLimits limits = new HostLimits(1);
    limits.acquire(HOST);
    CompletableFuture<Void> cancelled = limits.acquire(HOST);
    CompletableFuture<Void> patient = limits.acquire(HOST);
    cancelled.cancel(false);

    // when the running one ends
    limits.release(HOST);

    // then the patient one runs, and the permit is not lost
    assertThat(patient).isDone();
    assertThat(limits.active(HOST)).isEqualTo(1);
    assertThat(limits.waiting(HOST)).isZero();
    limits.release(HOST);
    assertThat(limits.active(HOST)).isZero();
  }

  @Test
  void shouldRefuseABoundBelowOne() {
    // when / then a bound of zero names what was expected
    assertThatThrownBy(() -> new HostLimits(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected at least 1 request in flight per host, but found 0");
  }

  @Test
  void shouldFreeTheRoomWhenACallFailsOrCannotStart() {
    // given a bound of one, a call that fails and one whose start throws
    HostLimits limits = new HostLimits(1);
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<String> first = limits.submit(HOST, () -> failing);
    CompletableFuture<String> second =
        limits.submit(
            HOST,
            () -> {
              throw new IllegalStateException("no request");
            });

    // when the first fails
    failing.completeExceptionally(new java.io.IOException("reset"));

    // then the second ran, failed with its own error, and the room is free again
    assertThat(first).isCompletedExceptionally();
    assertThat(second).failsWithin(java.time.Duration.ofSeconds(1));
    assertThat(limits.active(HOST)).isZero();
    assertThat(limits.submit(HOST, () -> CompletableFuture.completedFuture("ok"))).isDone();
  }

  @Test
  void shouldNotStartACallCancelledWhileItWaited() {
    // given a bound of one in use, and a call waiting behind it
    HostLimits limits = new HostLimits(1);
    CompletableFuture<String> running = new CompletableFuture<>();
    limits.submit(HOST, () -> running);
    java.util.concurrent.atomic.AtomicBoolean started =
        new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<String> waiting =
        limits.submit(
            HOST,
            () -> {
              started.set(true);
              return CompletableFuture.completedFuture("late");
            });

    // when the waiting call is cancelled and the running one ends
    waiting.cancel(true);
    running.complete("done");

    // then the cancelled call never started, and nothing holds the room
    assertThat(started).isFalse();
    assertThat(limits.active(HOST)).isZero();
  }

  @Test
  void shouldCountTheDefaultPortOfTheSchemeAsTheSameOrigin() {
    assertThat(HostLimits.origin(java.net.URI.create("https://api.example.com/orders")))
        .isEqualTo(HostLimits.origin(java.net.URI.create("https://api.example.com:443/x")));
    assertThat(HostLimits.origin(java.net.URI.create("http://api.example.com/a")))
        .isEqualTo("http://api.example.com:80");
  }

  @Test
  void shouldLoseNoPermitWhenWaitingCallsAreCancelledWhileOthersEnd() throws Exception {
    // given a bound of two and many calls, each ended or cancelled from threads of their own
    HostLimits limits = new HostLimits(2);
    int calls = 5_000;
    java.util.List<CompletableFuture<String>> answers = new java.util.ArrayList<>();
    java.util.List<CompletableFuture<String>> running =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < calls; i++) {
      answers.add(
          limits.submit(
              HOST,
              () -> {
                CompletableFuture<String> call = new CompletableFuture<>();
                running.add(call);
                return call;
              }));
    }

    // when every other answer is cancelled while the running calls end, concurrently
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      threads.submit(
          () -> {
            for (int i = 0; i < calls; i += 2) {
              answers.get(i).cancel(true);
            }
          });
      for (int t = 0; t < 3; t++) {
        threads.submit(
            () -> {
              long deadline = System.nanoTime() + 20_000_000_000L;
              while (answers.stream().anyMatch(a -> !a.isDone()) && System.nanoTime() < deadline) {
                for (CompletableFuture<String> call : running) {
                  call.complete("ok");
                }
                Thread.onSpinWait();
              }
            });
      }
    }

    // then every answer ended, and no permit is held or awaited
    assertThat(answers).allMatch(CompletableFuture::isDone);
    assertThat(limits.active(HOST)).isZero();
    assertThat(limits.waiting(HOST)).isZero();
  }

  @Test
  void shouldRunThousandsOfQueuedCallsThatFailAtOnceWithoutNestingReleases() {
    // given a bound of one held by a call, and 20,000 calls queued behind it that fail at once
    HostLimits limits = new HostLimits(1);
    CompletableFuture<String> first = new CompletableFuture<>();
    limits.submit(HOST, () -> first);
    java.util.List<CompletableFuture<String>> queued = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      queued.add(
          limits.submit(
              HOST,
              () -> {
                throw new IllegalArgumentException("invalid header value");
              }));
    }

    // when the first call ends
    first.complete("ok");

    // then every queued call ran and failed with its own error, and the room is free
    CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))
        .handle((r, e) -> null)
        .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
        .join();
    assertThat(queued)
        .allSatisfy(
            q ->
                assertThat(q)
                    .failsWithin(java.time.Duration.ZERO)
                    .withThrowableThat()
                    .havingRootCause()
                    .withMessage("invalid header value"));
    assertThat(limits.active(HOST)).isZero();
  }
}
