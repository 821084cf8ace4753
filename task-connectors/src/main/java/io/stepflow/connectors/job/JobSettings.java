package io.stepflow.connectors.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code job:run.sync} connector may reach and how it waits.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection to a job API
 * @param readTimeout how long to wait for the answer to one submit, status or cancel request
 * @param allowedHosts the hosts a definition may call, as the HTTP connector's: {@code *} for any,
 *     {@code *.example.com} for example.com's subdomains, otherwise the exact host name or address;
 *     an empty list allows none
 * @param pollUnit what one unit of the Poll parameters (IntervalSeconds, MaxIntervalSeconds) lasts:
 *     one second in production; tests shorten it to poll in milliseconds
 */
public record JobSettings(
    Duration connectTimeout, Duration readTimeout, List<String> allowedHosts, Duration pollUnit) {

  public JobSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(pollUnit, "pollUnit");
    if (pollUnit.isNegative() || pollUnit.isZero()) {
      throw new IllegalArgumentException("Expected a positive poll unit, but found " + pollUnit);
    }
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }

  /** 5 s to connect, 60 s to answer, every host, a poll unit of one second. */
  public static JobSettings defaults() {
    return new JobSettings(
        Duration.ofSeconds(5), Duration.ofSeconds(60), List.of("*"), Duration.ofSeconds(1));
  }

  public JobSettings withAllowedHosts(List<String> hosts) {
    return new JobSettings(connectTimeout, readTimeout, hosts, pollUnit);
  }

  public JobSettings withPollUnit(Duration unit) {
    return new JobSettings(connectTimeout, readTimeout, allowedHosts, unit);
  }
}
