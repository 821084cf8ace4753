package io.stepflow.service.timer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the durable timers (Wait states, retry intervals, timeouts) run, under {@code
 * stepflow.timers.*}. Applied to the Quartz scheduler; a key set under {@code
 * spring.quartz.properties.*} overrides what these settings derive.
 *
 * @param threadCount how many timers one instance fires at the same time. Default {@code 8}.
 * @param batchSize how many due timers an instance takes in one look at the database (at most
 *     {@code threadCount} at a time): fewer trips under Quartz's cluster-wide lock when many timers
 *     come due together. Default {@code 16}.
 * @param clusterCheckinInterval how often an instance tells the others it is alive; an instance
 *     silent for longer is taken for dead and its timers are taken over. Default {@code 15s}.
 * @param misfireThreshold how late a timer may be before it counts as missed (it then fires at once
 *     all the same, but through Quartz's misfire handling, which takes a hundred at a time and is
 *     far slower than the normal path under a backlog). Default {@code 60s}, Quartz's own.
 * @param idleWait how long an idle instance waits before it looks again for due timers, which
 *     bounds the lateness of a timer set by another instance or by a transaction that had not yet
 *     committed when it was set. At least one second. Default {@code 1s}.
 * @param fireRetryDelay how long to wait before trying again to deliver a due timer whose command
 *     could not be stored (for example while the database is unreachable). Default {@code 1s}.
 */
@ConfigurationProperties("stepflow.timers")
public record TimerSettings(
    @DefaultValue("8") int threadCount,
    @DefaultValue("16") int batchSize,
    @DefaultValue("15s") Duration clusterCheckinInterval,
    @DefaultValue("60s") Duration misfireThreshold,
    @DefaultValue("1s") Duration idleWait,
    @DefaultValue("1s") Duration fireRetryDelay) {

  public TimerSettings {
    if (threadCount < 1) {
      throw new IllegalArgumentException(
          "Expected stepflow.timers.thread-count to be at least 1, but was " + threadCount);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "Expected stepflow.timers.batch-size to be at least 1, but was " + batchSize);
    }
    if (idleWait.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "Expected stepflow.timers.idle-wait to be at least 1s (Quartz's minimum), but was "
              + idleWait);
    }
    requirePositive("cluster-checkin-interval", clusterCheckinInterval);
    requirePositive("misfire-threshold", misfireThreshold);
    requirePositive("fire-retry-delay", fireRetryDelay);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "Expected stepflow.timers." + name + " to be positive, but was " + value);
    }
  }
}
