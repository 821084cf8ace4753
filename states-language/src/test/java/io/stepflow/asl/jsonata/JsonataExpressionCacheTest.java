package io.stepflow.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Jsonata;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonataExpressionCacheTest {

  @Test
  void shouldParseEachExpressionOnceWhenAskedAgain() {
    // given a cache that counts parses
    AtomicInteger parses = new AtomicInteger();
    ExpressionCache cache =
        new ExpressionCache(
            10,
            text -> {
              parses.incrementAndGet();
              return Jsonata.jsonata(text);
            });

    // when the same expression is asked for three times
    Jsonata first = cache.get("1 + 1");
    cache.get("1 + 1");
    Jsonata third = cache.get("1 + 1");

    // then it was parsed once and the same parse is returned
    assertThat(parses.get()).isEqualTo(1);
    assertThat(third).isSameAs(first);
  }

  @Test
  void shouldStayWithinItsCapacityWhenManyExpressionsAreSeen() {
    // given a cache for three expressions
    ExpressionCache cache = new ExpressionCache(3, Jsonata::jsonata);

    // when a hundred distinct ones pass through
    for (int i = 0; i < 100; i++) {
      cache.get(i + " + 1");
    }

    // then it holds no more than three
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }
}
