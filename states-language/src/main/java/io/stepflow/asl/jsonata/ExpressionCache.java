package io.stepflow.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed JSONata expressions by their text, so that an expression met again (every state run, every
 * Map iteration) is not parsed again. Thread-safe and bounded: past the limit, entries are dropped
 * (in no particular order) to make room. A parsed expression can be evaluated by several threads at
 * once: the library keeps the evaluation's working state per thread.
 */
final class ExpressionCache {

  static final int DEFAULT_CAPACITY = 2048;

  private final int capacity;
  private final Function<String, Jsonata> parser;
  private final ConcurrentHashMap<String, Jsonata> parsed = new ConcurrentHashMap<>();

  ExpressionCache(int capacity, Function<String, Jsonata> parser) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "Expected a capacity of at least 1, but found " + capacity);
    }
    this.capacity = capacity;
    this.parser = parser;
  }

  /** The parsed expression; parse errors (JException) are thrown and not cached. */
  Jsonata get(String expression) {
    Jsonata hit = parsed.get(expression);
    if (hit != null) {
      return hit;
    }
    Jsonata fresh = parser.apply(expression);
    makeRoom();
    Jsonata raced = parsed.putIfAbsent(expression, fresh);
    return raced != null ? raced : fresh;
  }

  int size() {
    return parsed.size();
  }

  private void makeRoom() {
    Iterator<String> keys = parsed.keySet().iterator();
    while (parsed.size() >= capacity && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
