package io.stepflow.asl.intrinsic;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.path.PathReader;

/** The 18 intrinsic functions of the Amazon States Language ({@code States.Format(...)} etc.). */
public final class IntrinsicFunctions {

  private IntrinsicFunctions() {}

  /** True when the text is an intrinsic function call, for example {@code States.Array($.a)}. */
  public static boolean isIntrinsic(String text) {
    return text != null && text.startsWith("States.");
  }

  /**
   * Evaluates an intrinsic function call.
   *
   * @param expression the call, for example {@code States.Format('{}', $.name)}
   * @param reader resolves the reference paths among the arguments
   * @throws StatesError {@code States.IntrinsicFailure} when the call is misused
   */
  public static Object evaluate(String expression, PathReader reader) {
    throw new StatesError("States.IntrinsicFailure", "Not implemented yet: " + expression);
  }
}
