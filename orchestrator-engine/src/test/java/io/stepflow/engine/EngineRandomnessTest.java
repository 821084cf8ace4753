package io.stepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions that draw random values (States.UUID, States.MathRandom, JSONata's $uuid and $random)
 * take them from the engine's injected generator, so a seeded generator repeats them.
 */
class EngineRandomnessTest {

  static final String JSONPATH =
      """
      {"StartAt":"Draw","States":{"Draw":{"Type":"Pass","End":true,
        "Parameters":{"id.$":"States.UUID()","n.$":"States.MathRandom(0, 1000000000)"}}}}
      """;

  static final String JSONATA =
      """
      {"QueryLanguage":"JSONata","StartAt":"Draw","States":{"Draw":{"Type":"Pass","End":true,
        "Output":"{% {'id': $uuid(), 'n': $random()} %}"}}}
      """;

  @ParameterizedTest // the JSONPath definition, then the JSONata one
  @ValueSource(strings = {JSONPATH, JSONATA})
  void shouldRepeatRandomValuesWhenTheGeneratorHasTheSameSeed(String definition) {
    // given two executions on generators with the same seed, and one on another seed
    Object first = EngineHarness.seeded(11).start(definition, "{}").output();
    Object again = EngineHarness.seeded(11).start(definition, "{}").output();
    Object other = EngineHarness.seeded(12).start(definition, "{}").output();

    // then the same seed draws the same UUID and number, another seed others
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }
}
