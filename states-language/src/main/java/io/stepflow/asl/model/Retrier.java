package io.stepflow.asl.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of a state's Retry.
 *
 * @param errorEquals the error names it matches
 * @param intervalSeconds seconds before the first retry (default 1)
 * @param maxAttempts retries at most (default 3)
 * @param backoffRate factor by which the interval grows (default 2.0)
 * @param maxDelaySeconds the longest interval, or null for no cap
 * @param jitterStrategy FULL or NONE (default NONE)
 */
public record Retrier(
    List<String> errorEquals,
    int intervalSeconds,
    int maxAttempts,
    BigDecimal backoffRate,
    Integer maxDelaySeconds,
    String jitterStrategy) {}
