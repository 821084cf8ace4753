package io.stepflow.connectors.http;

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
}
