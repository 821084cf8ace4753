package io.stepflow.asl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void shouldKeepKeyOrderAndDecimalDigitsWhenRoundTripping() {
    // given JSON text with ordered keys and a decimal with a trailing zero
    String text = "{\"b\":1,\"a\":[1.50,true,null,\"x\"]}";

    // when it is parsed and written again
    Object value = Json.parse(text);

    // then nothing changed
    assertThat(Json.write(value)).isEqualTo(text);
    assertThat(value).isInstanceOf(Map.class);
  }

  @Test
  void shouldCompareNumbersByValueWhenComparingJson() {
    assertThat(Json.jsonEquals(Json.parse("{\"n\":1}"), Json.parse("{\"n\":1.0}"))).isTrue();
    assertThat(Json.jsonEquals(List.of(1, 2), List.of(2, 1))).isFalse();
  }

  @Test
  void shouldNameWhatWasExpectedWhenTextIsNotJson() {
    assertThatThrownBy(() -> Json.parse("{oops"))
        .isInstanceOf(Json.InvalidJsonException.class)
        .hasMessageStartingWith("Expected valid JSON text");
  }
}
