package io.stepflow.asl.intrinsic;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** The 18 intrinsic functions, each checking its own arguments as AWS does. */
final class Functions {

  static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

  /** AWS's documented limit for the input of States.Hash, Base64Encode and Base64Decode. */
  static final int MAX_TEXT_LENGTH = 10_000;

  /** AWS's documented limit for the size of the array States.ArrayRange makes. */
  static final int MAX_RANGE_ITEMS = 1000;

  private static final Map<String, String> HASH_ALGORITHMS =
      Map.of(
          "MD5", "MD5",
          "SHA-1", "SHA-1",
          "SHA-256", "SHA-256",
          "SHA-384", "SHA-384",
          "SHA-512", "SHA-512");

  /** One call being evaluated: its syntax, its evaluated arguments and the randomness to use. */
  record Invocation(Node.Call call, List<Object> args, RandomGenerator random) {
    String name() {
      return call.name();
    }

    Object arg(int i) {
      return args.get(i);
    }
  }

  @FunctionalInterface
  interface Implementation {
    Object apply(Invocation invocation);
  }

  /** A function's arity and body; {@code maxArgs} is -1 for no limit. */
  record Spec(String name, int minArgs, int maxArgs, Implementation implementation) {
    boolean accepts(int count) {
      return count >= minArgs && (maxArgs < 0 || count <= maxArgs);
    }

    String arity() {
      if (maxArgs < 0) {
        return "at least " + minArgs + " argument" + (minArgs == 1 ? "" : "s");
      }
      if (minArgs == maxArgs) {
        return minArgs + " argument" + (minArgs == 1 ? "" : "s");
      }
      return minArgs + " to " + maxArgs + " arguments";
    }
  }

  static final Map<String, Spec> SPECS = specs();

  private Functions() {}

  private static Map<String, Spec> specs() {
    Map<String, Spec> m = new LinkedHashMap<>();
    add(m, "States.Format", 1, -1, Functions::format);
    add(m, "States.StringToJson", 1, 1, Functions::stringToJson);
    add(m, "States.JsonToString", 1, 1, Functions::jsonToString);
    add(m, "States.Array", 0, -1, inv -> Json.deepCopy(new ArrayList<>(inv.args())));
    add(m, "States.ArrayPartition", 2, 2, Functions::arrayPartition);
    add(m, "States.ArrayContains", 2, 2, Functions::arrayContains);
    add(m, "States.ArrayRange", 3, 3, Functions::arrayRange);
    add(m, "States.ArrayGetItem", 2, 2, Functions::arrayGetItem);
    add(m, "States.ArrayLength", 1, 1, inv -> array(inv, 0).size());
    add(m, "States.ArrayUnique", 1, 1, Functions::arrayUnique);
    add(m, "States.Base64Encode", 1, 1, Functions::base64Encode);
    add(m, "States.Base64Decode", 1, 1, Functions::base64Decode);
    add(m, "States.Hash", 2, 2, Functions::hash);
    add(m, "States.JsonMerge", 3, 3, Functions::jsonMerge);
    add(m, "States.MathRandom", 2, 3, Functions::mathRandom);
    add(m, "States.MathAdd", 2, 2, Functions::mathAdd);
    add(m, "States.StringSplit", 2, 2, Functions::stringSplit);
    add(m, "States.UUID", 0, 0, Functions::uuid);
    return Map.copyOf(m);
  }

  private static void add(Map<String, Spec> m, String name, int min, int max, Implementation f) {
    m.put(name, new Spec(name, min, max, f));
  }

  static StatesError failure(String cause) {
    return new StatesError(INTRINSIC_FAILURE, cause);
  }

  // ---- States.Format -------------------------------------------------------------------------

  private static Object format(Invocation inv) {
    String template = string(inv, 0, "the format template");
    Node first = inv.call().arguments().get(0);
    // Only a quoted template can escape braces; a template read from a path is taken as it is.
    List<String> pieces =
        first instanceof Node.Text text
            ? splitTemplate(text.source(), true)
            : splitTemplate(template, false);
    int placeholders = pieces.size() - 1;
    int values = inv.args().size() - 1;
    if (placeholders != values) {
      throw failure(
          "Invalid arguments in States.Format: expected as many values as '{}' placeholders in '"
              + template
              + "' ("
              + placeholders
              + "), but found "
              + values);
    }
    StringBuilder out = new StringBuilder(pieces.get(0));
    for (int i = 1; i < pieces.size(); i++) {
      out.append(render(inv.arg(i))).append(pieces.get(i));
    }
    return out.toString();
  }

  /** Splits a template at its {@code {}} placeholders; n placeholders give n + 1 pieces. */
  static List<String> splitTemplate(String template, boolean escapes) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (escapes && c == '\\' && i + 1 < template.length()) {
        char next = template.charAt(i + 1);
        if (next == '\'' || next == '{' || next == '}' || next == '\\') {
          piece.append(next);
        } else {
          piece.append(c).append(next);
        }
        i++;
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        pieces.add(piece.toString());
        piece.setLength(0);
        i++;
      } else {
        piece.append(c);
      }
    }
    pieces.add(piece.toString());
    return pieces;
  }

  /**
   * Renders a value inside States.Format as AWS does: strings as they are, objects as {@code {a=1,
   * b=[x, y]}} and arrays as {@code [1, 2]} (the text of Java's maps and lists).
   */
  static String render(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      boolean firstEntry = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!firstEntry) {
          out.append(", ");
        }
        firstEntry = false;
        out.append(e.getKey()).append('=').append(render(e.getValue()));
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(render(list.get(i)));
      }
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }

  // ---- JSON ----------------------------------------------------------------------------------

  private static Object stringToJson(Invocation inv) {
    String text = string(inv, 0, "the JSON text");
    if (text.isBlank()) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (Json.InvalidJsonException e) {
      throw failure(
          "Invalid arguments in States.StringToJson: expected a string holding JSON text, but found"
              + " '"
              + text
              + "'");
    }
  }

  private static Object jsonToString(Invocation inv) {
    return Json.write(inv.arg(0));
  }

  private static Object jsonMerge(Invocation inv) {
    Map<String, Object> left = object(inv, 0, "the first object");
    Map<String, Object> right = object(inv, 1, "the second object");
    Object deep = inv.arg(2);
    if (!(deep instanceof Boolean deepMerge)) {
      throw failure(
          "Invalid arguments in States.JsonMerge: expected a boolean as the third argument (the"
              + " deep merge flag), but found "
              + describe(deep));
    }
    if (deepMerge) {
      throw failure(
          "Invalid arguments in States.JsonMerge: expected false as the third argument, but found"
              + " true; only the shallow merge mode is supported");
    }
    Map<String, Object> merged = new LinkedHashMap<>(left);
    merged.putAll(right);
    return Json.deepCopy(merged);
  }

  // ---- Arrays --------------------------------------------------------------------------------

  private static Object arrayPartition(Invocation inv) {
    List<Object> items = array(inv, 0);
    BigInteger size = integer(inv, 1, "the chunk size");
    if (size.signum() <= 0) {
      throw failure(
          "Invalid arguments in States.ArrayPartition: expected a positive chunk size, but found "
              + size);
    }
    long chunk = size.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
    List<Object> out = new ArrayList<>();
    for (long from = 0; from < items.size(); from += chunk) {
      int to = (int) Math.min(items.size(), from + chunk);
      out.add(Json.deepCopy(new ArrayList<>(items.subList((int) from, to))));
    }
    return out;
  }

  private static Object arrayContains(Invocation inv) {
    List<Object> items = array(inv, 0);
    Object wanted = inv.arg(1);
    for (Object item : items) {
      if (Json.jsonEquals(item, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static Object arrayRange(Invocation inv) {
    BigInteger start = integer(inv, 0, "the first element");
    BigInteger end = integer(inv, 1, "the last element");
    BigInteger step = integer(inv, 2, "the step");
    if (step.signum() == 0) {
      throw failure(
          "Invalid arguments in States.ArrayRange: expected a non-zero step, but found 0");
    }
    BigInteger span = end.subtract(start);
    long count =
        span.signum() != 0 && span.signum() != step.signum()
            ? 0
            : span.divide(step)
                .add(BigInteger.ONE)
                .min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
    if (count > MAX_RANGE_ITEMS) {
      throw failure(
          "Invalid arguments in States.ArrayRange: expected at most "
              + MAX_RANGE_ITEMS
              + " items in the range, but found "
              + count);
    }
    List<Object> out = new ArrayList<>((int) count);
    BigInteger value = start;
    for (long i = 0; i < count; i++) {
      out.add(Numbers.narrow(value));
      value = value.add(step);
    }
    return out;
  }

  private static Object arrayGetItem(Invocation inv) {
    List<Object> items = array(inv, 0);
    BigInteger index = integer(inv, 1, "the index");
    if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(items.size())) >= 0) {
      throw failure(
          "Invalid arguments in States.ArrayGetItem: expected an index from 0 to "
              + (items.size() - 1)
              + ", but found "
              + index);
    }
    return Json.deepCopy(items.get(index.intValue()));
  }

  private static Object arrayUnique(Invocation inv) {
    List<Object> out = new ArrayList<>();
    for (Object item : array(inv, 0)) {
      boolean seen = false;
      for (Object kept : out) {
        if (Json.jsonEquals(kept, item)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        out.add(Json.deepCopy(item));
      }
    }
    return out;
  }

  // ---- Encoding and hashing ------------------------------------------------------------------

  private static Object base64Encode(Invocation inv) {
    String text = limitedString(inv, 0, "the text to encode");
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Object base64Decode(Invocation inv) {
    String text = limitedString(inv, 0, "the base64 text to decode");
    try {
      return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw failure(
          "Invalid arguments in States.Base64Decode: expected base64 text, but found '"
              + text
              + "'");
    }
  }

  private static Object hash(Invocation inv) {
    String data = limitedString(inv, 0, "the data to hash");
    String algorithm = string(inv, 1, "the hash algorithm");
    String javaName = HASH_ALGORITHMS.get(algorithm);
    if (javaName == null) {
      throw failure(
          "Invalid arguments in States.Hash: expected one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
              + " as the algorithm, but found '"
              + algorithm
              + "'");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(javaName).digest(data.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no " + javaName + " digest", e);
    }
  }

  // ---- Math ----------------------------------------------------------------------------------

  private static Object mathAdd(Invocation inv) {
    BigInteger a = Numbers.roundHalfUp(number(inv, 0, "the value"));
    BigInteger b = Numbers.roundHalfUp(number(inv, 1, "the step"));
    return Numbers.narrow(a.add(b));
  }

  private static Object mathRandom(Invocation inv) {
    BigInteger start = Numbers.roundHalfUp(number(inv, 0, "the start"));
    BigInteger end = Numbers.roundHalfUp(number(inv, 1, "the end"));
    if (start.compareTo(end) >= 0) {
      throw failure(
          "Invalid arguments in States.MathRandom: expected a start below the end, but found start "
              + start
              + " and end "
              + end);
    }
    if (start.bitLength() > 63 || end.bitLength() > 63) {
      throw failure(
          "Invalid arguments in States.MathRandom: expected a start and an end within the range of"
              + " a 64-bit integer, but found "
              + start
              + " and "
              + end);
    }
    RandomGenerator random = inv.random();
    if (inv.args().size() == 3) {
      BigInteger seed = Numbers.roundHalfUp(number(inv, 2, "the seed"));
      random = new SplittableRandom(seed.longValue());
    }
    return Numbers.narrow(BigInteger.valueOf(random.nextLong(start.longValue(), end.longValue())));
  }

  // ---- Strings and identifiers ---------------------------------------------------------------

  private static Object stringSplit(Invocation inv) {
    String text = string(inv, 0, "the text to split");
    String delimiters = string(inv, 1, "the delimiter characters");
    // Every character of the second argument splits; empty pieces are dropped.
    List<Object> out = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (delimiters.indexOf(cp) >= 0) {
                if (!piece.isEmpty()) {
                  out.add(piece.toString());
                  piece.setLength(0);
                }
              } else {
                piece.appendCodePoint(cp);
              }
            });
    if (!piece.isEmpty()) {
      out.add(piece.toString());
    }
    return out;
  }

  private static Object uuid(Invocation inv) {
    RandomGenerator random = inv.random();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  // ---- Argument checks -----------------------------------------------------------------------

  private static String string(Invocation inv, int i, String what) {
    Object value = inv.arg(i);
    if (value instanceof String s) {
      return s;
    }
    throw wrongType(inv, i, what, "a string", value);
  }

  private static String limitedString(Invocation inv, int i, String what) {
    String s = string(inv, i, what);
    if (s.length() > MAX_TEXT_LENGTH) {
      throw failure(
          "Invalid arguments in "
              + inv.name()
              + ": expected "
              + what
              + " to have at most "
              + MAX_TEXT_LENGTH
              + " characters, but found "
              + s.length());
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> array(Invocation inv, int i) {
    Object value = inv.arg(i);
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw wrongType(inv, i, "the array", "an array", value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Invocation inv, int i, String what) {
    Object value = inv.arg(i);
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw wrongType(inv, i, what, "an object", value);
  }

  private static Number number(Invocation inv, int i, String what) {
    Object value = inv.arg(i);
    if (value instanceof Number n) {
      return n;
    }
    throw wrongType(inv, i, what, "a number", value);
  }

  private static BigInteger integer(Invocation inv, int i, String what) {
    Number n = number(inv, i, what);
    BigInteger whole = Numbers.integral(n);
    if (whole == null) {
      throw wrongType(inv, i, what, "an integer", n);
    }
    return whole;
  }

  private static StatesError wrongType(
      Invocation inv, int i, String what, String expected, Object found) {
    return failure(
        "Invalid arguments in "
            + inv.name()
            + ": expected "
            + expected
            + " as argument "
            + (i + 1)
            + " ("
            + what
            + "), but found "
            + describe(found));
  }

  /** A value for an error message: its JSON type and text, for example {@code number 1.5}. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = Json.write(value);
    if (text.length() > 100) {
      text = text.substring(0, 100) + "...";
    }
    if (value instanceof Number) {
      return "the number " + text;
    }
    return "the " + Json.typeName(value) + " " + text;
  }
}
