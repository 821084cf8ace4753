package io.stepflow.engine;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.model.Retrier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** AWS's rules for which Retry or Catch entry an error matches, and how long a retry waits. */
final class ErrorMatching {

  private ErrorMatching() {}

  /**
   * True when {@code errorEquals} names the error. States.ALL matches every error but
   * States.Runtime, which no retrier or catcher handles unless it names it; States.TaskFailed
   * matches every error but States.Timeout.
   */
  static boolean matches(List<String> errorEquals, String error) {
    for (String name : errorEquals) {
      if (name.equals(error)) {
        return true;
      }
      if (ErrorNames.ALL.equals(name) && !ErrorNames.RUNTIME.equals(error)) {
        return true;
      }
      if (ErrorNames.TASK_FAILED.equals(name)
          && !ErrorNames.TIMEOUT.equals(error)
          && !ErrorNames.RUNTIME.equals(error)
          && !ErrorNames.HEARTBEAT_TIMEOUT.equals(error)) {
        return true;
      }
    }
    return false;
  }

  /** The wait before retry number {@code attempt} (0 for the first retry). */
  static Duration delay(Retrier retrier, int attempt, RandomGenerator random) {
    BigDecimal seconds =
        BigDecimal.valueOf(retrier.intervalSeconds())
            .multiply(retrier.backoffRate().pow(attempt, MathContext.DECIMAL64));
    if (retrier.maxDelaySeconds() != null
        && seconds.compareTo(BigDecimal.valueOf(retrier.maxDelaySeconds())) > 0) {
      seconds = BigDecimal.valueOf(retrier.maxDelaySeconds());
    }
    double millis = seconds.doubleValue() * 1000;
    if ("FULL".equals(retrier.jitterStrategy())) {
      millis = random.nextDouble() * millis;
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
