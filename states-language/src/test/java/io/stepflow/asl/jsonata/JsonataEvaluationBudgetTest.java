package io.stepflow.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import io.stepflow.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataEvaluationBudgetTest {

  private static Object run(String expression, EvaluationBudget budget) {
    Jsonata parsed = Jsonata.jsonata(expression);
    Jsonata.Frame frame = parsed.createFrame();
    budget.watch(frame);
    return parsed.evaluate(null, frame);
  }

  @Test
  void shouldStopAnEndlessTailRecursionWhenTheStepsRunOut() {
    // given a tail-recursive function that never ends and a small step budget
    String endless = "($f := function($n){$f($n+1)}; $f(0))";

    // when it runs, then it is stopped with a message naming the limit
    assertThatThrownBy(() -> run(endless, new EvaluationBudget(10_000, 1_000)))
        .isInstanceOf(EvaluationBudget.ExceededException.class)
        .hasMessage(
            "U1001: Expression evaluation stopped after 10000 steps: Check for infinite loop");
  }

  @Test
  void shouldLetOrdinaryExpressionsFinishWithinTheBudget() {
    assertThat(run("$sum([1..100])", new EvaluationBudget(10_000, 1_000))).isEqualTo(5050);
  }

  @Test
  void shouldReportAStackOverflowWhenRecursionNestsTooDeep() {
    // given a recursion that is not in tail position and nests a hundred thousand deep
    String deep = "($f := function($n){$n = 0 ? 0 : 1 + $f($n-1)}; $f(100000))";

    // when the evaluator runs it
    StatesError e = null;
    try {
      JsonataEvaluator.evaluate(deep, JsonataScope.of(Map.of(), Map.of(), Map.of()));
    } catch (StatesError caught) {
      e = caught;
    }

    // then it fails as a query evaluation error instead of crashing the thread
    assertThat(e)
        .as("expected a StatesError for runaway recursion, but none was thrown")
        .isNotNull();
    assertThat(e.cause()).contains("threw an error during evaluation. U1001: Stack overflow error");
  }
}
