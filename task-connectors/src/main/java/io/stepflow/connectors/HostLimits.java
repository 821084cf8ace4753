package io.stepflow.connectors;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Bounds the requests in flight to each host. A request over the bound waits, in arrival order and
 * holding no thread, until one to the same host ends. A Map state or a burst of executions then
 * reuses a few kept-alive connections instead of opening hundreds of them at once, which can
 * overflow a small service's accept queue or its count of idle connections.
 */
public final class HostLimits {

  /** Starts a call whose permit another call's end handed on. */
  private static final Executor HANDOFF =
      task -> Thread.ofVirtual().name("host-limits").start(task);

  private final int perHost;
  private final Map<String, Lane> lanes = new HashMap<>(); // guarded by this

  private static final class Lane {
    int active;
    final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  }

  /** At most {@code perHost} requests in flight to one origin. */
  public HostLimits(int perHost) {
    if (perHost < 1) {
      throw new IllegalArgumentException(
          "Expected at least 1 request in flight per host, but found " + perHost);
    }
    this.perHost = perHost;
  }

  /**
   * Runs {@code call} when {@code origin} (scheme, host and port) has room, and frees the room when
   * its future completes. Cancelling the answer gives up a place still waiting, or cancels the
   * call's own future once it started (the JDK client then aborts the request).
   */
  public <T> CompletableFuture<T> submit(String origin, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();
    CompletableFuture<Void> permit = acquire(origin);
    Runnable run =
        () -> {
          if (answer.isDone()) {
            release(origin); // cancelled while it waited, after the permit was handed to it
            return;
          }
          CompletableFuture<T> started = started(call);
          running.set(started);
          started.whenComplete(
              (result, error) -> {
                release(origin);
                if (error != null) {
                  answer.completeExceptionally(error);
                } else {
                  answer.complete(result);
                }
              });
          if (answer.isCancelled()) {
            started.cancel(true);
          }
        };
    if (permit.isDone()) {
      run.run();
    } else {
      // granted by release() on the stack of a call that ended: start the next one on a thread of
      // its own, so that calls that fail at once do not nest one release inside another
      permit.thenRunAsync(run, HANDOFF);
    }
    answer.whenComplete(
        (result, error) -> {
          if (error instanceof CancellationException) {
            permit.cancel(false);
            CompletableFuture<T> started = running.get();
            if (started != null) {
              started.cancel(true);
            }
          }
        });
    return answer;
  }

  /** What requests are counted by: scheme, host and port, the default port made explicit. */
  public static String origin(java.net.URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A permit for one request to {@code host}, granted now or when one ends. Cancelling a permit not
   * yet granted gives up its place; one that was granted must be {@linkplain #release released}.
   */
  synchronized CompletableFuture<Void> acquire(String host) {
    Lane lane = lanes.computeIfAbsent(host, h -> new Lane());
    if (lane.active < perHost) {
      lane.active++;
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> permit = new CompletableFuture<>();
    lane.waiting.add(permit);
    return permit;
  }

  /** Ends a granted permit, handing it to the next request that still waits. */
  void release(String host) {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (this) {
        Lane lane = lanes.get(host);
        if (lane == null) {
          throw new IllegalStateException("No permit for " + host + " was granted");
        }
        next = lane.waiting.poll();
        if (next == null) {
          if (--lane.active == 0) {
            lanes.remove(host);
          }
          return;
        }
      }
      if (next.complete(null)) {
        return; // the permit passed on; the count of active requests is unchanged
      }
      // that request gave up its place meanwhile: offer the permit to the one after it
    }
  }

  /** Requests in flight to {@code host} (for tests). */
  synchronized int active(String host) {
    Lane lane = lanes.get(host);
    return lane == null ? 0 : lane.active;
  }

  /** Requests waiting for {@code host} (for tests). */
  synchronized int waiting(String host) {
    Lane lane = lanes.get(host);
    return lane == null ? 0 : lane.waiting.size();
  }
}
