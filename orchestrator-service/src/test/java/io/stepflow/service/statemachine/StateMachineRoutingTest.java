package io.stepflow.service.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.service.StepflowException;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class StateMachineRoutingTest {

  private static final String V1 = "arn:aws:states:us-east-1:123456789012:stateMachine:m:1";
  private static final String V2 = "arn:aws:states:us-east-1:123456789012:stateMachine:m:2";

  @Test
  void shouldSendDrawsBelowTheFirstWeightToTheFirstVersionAndTheRestToTheSecond() {
    // given a 70/30 split
    List<Route> routes = List.of(new Route(V1, 70), new Route(V2, 30));

    // when draws on either side of the boundary are made
    Route low = Routing.pick(routes, fixed(69));
    Route high = Routing.pick(routes, fixed(70));

    // then 0..69 go to the first version and 70..99 to the second
    assertThat(low.stateMachineVersionArn()).isEqualTo(V1);
    assertThat(high.stateMachineVersionArn()).isEqualTo(V2);
  }

  @Test
  void shouldNeverPickAVersionWeightedZero() {
    // given a version weighted 0
    List<Route> routes = List.of(new Route(V1, 0), new Route(V2, 100));

    // when the lowest draw is made
    Route picked = Routing.pick(routes, fixed(0));

    // then the other version is picked
    assertThat(picked.stateMachineVersionArn()).isEqualTo(V2);
  }

  @Test
  void shouldRejectWeightsThatDoNotAddUpToOneHundred() {
    // given weights adding up to 90
    var items =
        List.<Map<String, Object>>of(
            Map.of("stateMachineVersionArn", V1, "weight", 60),
            Map.of("stateMachineVersionArn", V2, "weight", 30));

    // when read, then a ValidationException names the total
    assertThatThrownBy(() -> Routing.read(items))
        .isInstanceOf(StepflowException.class)
        .hasMessageContaining("add up to 100, but found 90")
        .extracting(e -> ((StepflowException) e).code())
        .isEqualTo("ValidationException");
  }

  @Test
  void shouldRejectMoreThanTwoVersionsAndTheSameVersionTwice() {
    // given three routes, and one version routed twice
    var three =
        List.<Map<String, Object>>of(
            Map.of("stateMachineVersionArn", V1, "weight", 50),
            Map.of("stateMachineVersionArn", V2, "weight", 25),
            Map.of("stateMachineVersionArn", V1 + "0", "weight", 25));
    var twice =
        List.<Map<String, Object>>of(
            Map.of("stateMachineVersionArn", V1, "weight", 50),
            Map.of("stateMachineVersionArn", V1, "weight", 50));

    // when read, then both are rejected
    assertThatThrownBy(() -> Routing.read(three)).hasMessageContaining("1 or 2 versions");
    assertThatThrownBy(() -> Routing.read(twice)).hasMessageContaining("each version once");
  }

  private static RandomGenerator fixed(int value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return value;
      }

      @Override
      public int nextInt(int bound) {
        return value;
      }
    };
  }
}
