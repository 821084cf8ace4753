package io.stepflow.asl.intrinsic;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.path.PathReader;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** The 18 intrinsic functions of the Amazon States Language ({@code States.Format(...)} etc.). */
public final class IntrinsicFunctions {

  private IntrinsicFunctions() {}

  /** True when the text is an intrinsic function call, for example {@code States.Array($.a)}. */
  public static boolean isIntrinsic(String text) {
    return text != null && text.startsWith("States.");
  }

  /**
   * Checks that the text is a well-formed call of known functions with acceptable numbers of
   * arguments, without reading any path.
   *
   * @throws DefinitionException (without location) saying what was expected and what was found
   */
  public static void validate(String expression) {
    try {
      check(Parser.parse(expression));
    } catch (IntrinsicSyntaxException e) {
      throw new DefinitionException(null, e.getMessage());
    }
  }

  private static void check(Node node) {
    if (node instanceof Node.Call call) {
      Evaluator.spec(call);
      call.arguments().forEach(IntrinsicFunctions::check);
    }
  }

  /**
   * Evaluates an intrinsic function call.
   *
   * @param expression the call, for example {@code States.Format('{}', $.name)}
   * @param reader resolves the reference paths among the arguments
   * @throws StatesError {@code States.IntrinsicFailure} when the call is misused
   */
  public static Object evaluate(String expression, PathReader reader) {
    return evaluate(expression, reader, new SecureRandom());
  }

  /**
   * Evaluates a call with the given source of randomness (States.UUID, and States.MathRandom
   * without a seed), so that tests and replays can be repeatable.
   */
  static Object evaluate(String expression, PathReader reader, RandomGenerator random) {
    Node.Call call;
    try {
      call = Parser.parse(expression);
    } catch (IntrinsicSyntaxException e) {
      throw Functions.failure(e.getMessage());
    }
    try {
      return new Evaluator(reader, random).evaluate(call);
    } catch (IntrinsicSyntaxException e) {
      throw Functions.failure(e.getMessage());
    }
  }
}
