package io.stepflow.asl.intrinsic;

import io.stepflow.asl.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Number helpers that keep results in the canonical forms of {@link Json}. */
final class Numbers {

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private Numbers() {}

  /** The smallest of Integer, Long and BigInteger that holds the value. */
  static Number narrow(BigInteger value) {
    if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
      return value.intValue();
    }
    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
      return value.longValue();
    }
    return value;
  }

  /** The whole number the value stands for, or null when it has a fractional part. */
  static BigInteger integral(Number n) {
    BigDecimal d = Json.toBigDecimal(n);
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * Rounds to the nearest whole number, halves towards positive infinity (1.5 to 2, -1.5 to -1),
   * which is what AWS does with decimals given to States.MathAdd.
   */
  static BigInteger roundHalfUp(Number n) {
    return Json.toBigDecimal(n).add(HALF).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
  }
}
