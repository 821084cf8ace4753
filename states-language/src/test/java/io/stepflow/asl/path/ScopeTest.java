package io.stepflow.asl.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.StatesError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void shouldTellJsonNullFromAbsentWhenReadingWithADefault() {
    // given an input with a null field
    Map<String, Object> input = new HashMap<>();
    input.put("nothing", null);
    Scope scope = new Scope(input, null, null);
    Object absent = new Object();

    // when both are read / then null is a value, absence is not
    assertThat(scope.readOrElse("$.nothing", absent)).isNull();
    assertThat(scope.readOrElse("$.missing", absent)).isSameAs(absent);
  }

  @Test
  void shouldRaiseRuntimeErrorWhenAVariableIsNotAssigned() {
    Scope scope = new Scope(Map.of(), null, Map.of("known", 1));

    assertThatThrownBy(() -> scope.read("$unknown"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause()).contains("'$unknown'").contains("unknown");
            });
  }

  @Test
  void shouldReadTheContextObjectRootWhenPathIsDoubleDollar() {
    Scope scope = new Scope(Map.of(), Map.of("State", Map.of("Name", "S")), null);

    assertThat(scope.read("$$")).isEqualTo(Map.of("State", Map.of("Name", "S")));
  }
}
