package io.stepflow.asl.intrinsic;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.path.PathReader;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** The 18 intrinsic functions of the Amazon States Language ({@code States.Format(...)} etc.). */
public final class IntrinsicFunctions {

  /** Where random values come from when the caller gives no generator: safe for any thread. */
  private static final RandomGenerator SECURE = new SecureRandom();

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
   * Evaluates an intrinsic function call, drawing random values from a secure generator.
   *
   * @param expression the call, for example {@code States.Format('{}', $.name)}
   * @param reader resolves the reference paths among the arguments
   * @throws StatesError {@code States.IntrinsicFailure} when the call is misused
   */
  public static Object evaluate(String expression, PathReader reader) {
    return evaluate(expression, reader, null);
  }

  /**
   * Evaluates an intrinsic function call, drawing the random values of States.UUID, and of
   * States.MathRandom without a seed, from {@code random}, so that a seeded generator repeats them.
   *
   * @param random the generator; null for a secure one
   * @throws StatesError {@code States.IntrinsicFailure} when the call is misused
   */
  public static Object evaluate(String expression, PathReader reader, RandomGenerator random) {
    Node.Call call;
    try {
      call = Parser.parse(expression);
    } catch (IntrinsicSyntaxException e) {
      throw Functions.failure(e.getMessage());
    }
    try {
      return new Evaluator(reader, random != null ? random : SECURE).evaluate(call);
    } catch (IntrinsicSyntaxException e) {
      throw Functions.failure(e.getMessage());
    }
  }
}
