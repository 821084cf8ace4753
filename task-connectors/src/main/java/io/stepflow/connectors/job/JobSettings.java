package io.stepflow.connectors.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code job:run.sync} and {@code batch:submitJob} connector may reach and how it waits.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection to a job API
 * @param readTimeout how long to wait for the answer to one submit, status or cancel request
 * @param allowedHosts the hosts a definition may call, as the HTTP connector's: {@code *} for any,
 *     {@code *.example.com} for example.com's subdomains, otherwise the exact host name or address;
 *     an empty list allows none. Batch queues' URLs are the operator's and are not checked
 * @param pollUnit what one unit of the Poll parameters (IntervalSeconds, MaxIntervalSeconds) lasts:
 *     one second in production; tests shorten it to poll in milliseconds
 * @param lease how long a claim on a task's poll holds past its due time: an instance that dies
 *     leaves its polls to others this long after they were due. Keep it above {@code readTimeout},
 *     or a slow answer lets a second instance poll the same job (harmless, but wasted)
 * @param sweepInterval how often this instance looks for due polls that no live claim holds (left
 *     by an instance that died); zero for never (tests call {@link JobConnector#pollDue()})
 * @param batchQueues the job APIs that serve {@code batch:submitJob} Tasks, by job queue name (or
 *     full queue ARN)
 */
public record JobSettings(
    Duration connectTimeout,
    Duration readTimeout,
    List<String> allowedHosts,
    Duration pollUnit,
    Duration lease,
    Duration sweepInterval,
    Map<String, BatchQueue> batchQueues) {

  public JobSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(pollUnit, "pollUnit");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    if (pollUnit.isNegative() || pollUnit.isZero()) {
      throw new IllegalArgumentException("Expected a positive poll unit, but found " + pollUnit);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("Expected a positive lease, but found " + lease);
    }
    if (sweepInterval.isNegative()) {
      throw new IllegalArgumentException(
          "Expected a sweep interval of zero or more, but found " + sweepInterval);
    }
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    batchQueues = batchQueues == null ? Map.of() : Map.copyOf(batchQueues);
  }

  /**
   * 5 s to connect, 60 s to answer, every host, a poll unit of one second, a lease of two minutes,
   * a sweep every second, no Batch queues.
   */
  public static JobSettings defaults() {
    return new JobSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        List.of("*"),
        Duration.ofSeconds(1),
        Duration.ofMinutes(2),
        Duration.ofSeconds(1),
        Map.of());
  }

  public JobSettings withAllowedHosts(List<String> hosts) {
    return new JobSettings(
        connectTimeout, readTimeout, hosts, pollUnit, lease, sweepInterval, batchQueues);
  }

  public JobSettings withPollUnit(Duration unit) {
    return new JobSettings(
        connectTimeout, readTimeout, allowedHosts, unit, lease, sweepInterval, batchQueues);
  }

  public JobSettings withLease(Duration claim, Duration sweep) {
    return new JobSettings(
        connectTimeout, readTimeout, allowedHosts, pollUnit, claim, sweep, batchQueues);
  }

  public JobSettings withBatchQueues(Map<String, BatchQueue> queues) {
    return new JobSettings(
        connectTimeout, readTimeout, allowedHosts, pollUnit, lease, sweepInterval, queues);
  }
}
