package io.stepflow.service.aws;

import java.time.Instant;

/** AWS JSON 1.0 dates: seconds since the epoch, with milliseconds as the fraction. */
public final class AwsTime {

  private AwsTime() {}

  public static Double of(Instant instant) {
    return instant == null ? null : instant.toEpochMilli() / 1000.0;
  }
}
