package io.stepflow.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import io.stepflow.asl.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The functions AWS Step Functions adds to JSONata: {@code $partition}, {@code $range}, {@code
 * $hash}, {@code $random}, {@code $uuid} and {@code $parse}. {@code $eval} is not available in AWS
 * and is bound to nothing, so calling it fails as calling any non-function does.
 */
final class AwsFunctions {

  static final String[] HASH_ALGORITHMS = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};

  /** The functions that need nothing from the scope, created once (their creation is not free). */
  private static final Map<String, JFunction> STATELESS =
      Map.of(
          "partition", new JFunction((input, args) -> partition(args), null),
          "range", new JFunction((input, args) -> range(args), null),
          "hash", new JFunction((input, args) -> hash(args), null),
          "parse", new JFunction((input, args) -> parse(args), null));

  private AwsFunctions() {}

  /**
   * Binds the AWS functions into a frame; {@code $random} and {@code $uuid} use the scope's
   * generator.
   */
  static void bind(Jsonata.Frame frame, RandomGenerator injected) {
    STATELESS.forEach(frame::bind);
    frame.bind("eval", (Object) null);
    frame.bind("random", new JFunction((input, args) -> random(args, injected), null));
    frame.bind("uuid", new JFunction((input, args) -> uuid(args, injected), null));
  }

  /** Thrown by these functions when misused; the message says what was expected and found. */
  static final class FunctionException extends RuntimeException {
    FunctionException(String message) {
      super(message);
    }
  }

  static Object partition(List<?> args) {
    arity("$partition", args, 2, 2);
    Object array = args.get(0);
    if (!(array instanceof List<?> items)) {
      throw new FunctionException(
          "$partition expects an array as its first argument, but found: " + describe(array));
    }
    long size = integer("$partition", "chunk size", args.get(1));
    if (size <= 0) {
      throw new FunctionException(
          "$partition expects a positive chunk size, but found: " + describe(args.get(1)));
    }
    List<Object> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += (int) Math.min(size, Integer.MAX_VALUE)) {
      int to = (int) Math.min(items.size(), from + size);
      chunks.add(new ArrayList<>(items.subList(from, to)));
    }
    return chunks;
  }

  /**
   * The numbers from start to end (inclusive) in steps. The result is a JSONata sequence, so a
   * single number comes out as that number, not as a one-element array (as AWS does).
   */
  static Object range(List<?> args) {
    arity("$range", args, 3, 3);
    long start = integer("$range", "start", args.get(0));
    long end = integer("$range", "end", args.get(1));
    long step = integer("$range", "step", args.get(2));
    if (step == 0) {
      throw new FunctionException("$range expects a step other than 0, but found: 0");
    }
    List<Object> sequence = Utils.createSequence();
    for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
      sequence.add(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : v);
    }
    return sequence;
  }

  static Object hash(List<?> args) {
    arity("$hash", args, 2, 2);
    if (!(args.get(0) instanceof String data)) {
      throw new FunctionException(
          "$hash expects a string to hash as its first argument, but found: "
              + describe(args.get(0)));
    }
    Object algorithm = args.get(1);
    for (String name : HASH_ALGORITHMS) {
      if (name.equals(algorithm)) {
        try {
          MessageDigest digest = MessageDigest.getInstance(name);
          return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("The JVM lacks the hash algorithm " + name, e);
        }
      }
    }
    throw new FunctionException(
        "$hash expects one of the algorithms "
            + String.join(", ", HASH_ALGORITHMS)
            + ", but found: "
            + describe(algorithm));
  }

  static Object parse(List<?> args) {
    arity("$parse", args, 1, 1);
    if (!(args.get(0) instanceof String text)) {
      throw new FunctionException(
          "$parse expects a string of JSON text, but found: " + describe(args.get(0)));
    }
    try {
      return JsonataValues.toJsonata(Json.parse(text));
    } catch (Json.InvalidJsonException e) {
      throw new FunctionException("$parse expects valid JSON text, but found: " + text);
    }
  }

  /**
   * A number in [0, 1): from the scope's generator, or, with a seed, the same for the same seed.
   */
  static Object random(List<?> args, RandomGenerator injected) {
    arity("$random", args, 0, 1);
    if (args.size() == 1 && args.get(0) != null && args.get(0) != Jsonata.NULL_VALUE) {
      long seed = integer("$random", "seed", args.get(0));
      return new SplittableRandom(seed).nextDouble();
    }
    return generator(injected).nextDouble();
  }

  /** A version 4 (random) UUID, drawn from the scope's generator. */
  static Object uuid(List<?> args, RandomGenerator injected) {
    arity("$uuid", args, 0, 0);
    RandomGenerator random = generator(injected);
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private static RandomGenerator generator(RandomGenerator injected) {
    return injected != null ? injected : ThreadLocalRandom.current();
  }

  private static void arity(String function, List<?> args, int min, int max) {
    int n = args == null ? 0 : args.size();
    if (n < min || n > max) {
      String expected = min == max ? String.valueOf(min) : min + " to " + max;
      throw new FunctionException(
          function + " expects " + expected + " argument(s), but found " + n);
    }
  }

  private static long integer(String function, String what, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
    }
    throw new FunctionException(
        function + " expects an integer " + what + ", but found: " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "undefined";
    }
    try {
      return Json.write(JsonataValues.fromJsonata(value));
    } catch (JsonataValues.UnsupportedResultException e) {
      return "a function";
    }
  }
}
