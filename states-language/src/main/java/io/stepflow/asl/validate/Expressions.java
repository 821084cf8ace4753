package io.stepflow.asl.validate;

import com.dashjoin.jsonata.Jsonata;
import io.stepflow.asl.DefinitionException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax checks of intrinsic function calls and JSONata expressions. Both are delegated to the
 * language packages ({@code IntrinsicFunctions.validate}, {@code JsonataEvaluator.validate}),
 * looked up by reflection so that this package builds while they are written; until they exist a
 * coarse check of its own stands in.
 */
final class Expressions {

  private static final Method INTRINSIC_VALIDATE =
      find("io.stepflow.asl.intrinsic.IntrinsicFunctions");
  private static final Method JSONATA_VALIDATE = find("io.stepflow.asl.jsonata.JsonataEvaluator");
  private static final Pattern INTRINSIC_CALL = Pattern.compile("States\\.[A-Za-z0-9]+\\(.*\\)");

  private Expressions() {}

  /** What is wrong with an intrinsic function call such as {@code States.Format('{}', $.a)}. */
  static Optional<String> intrinsicProblem(String expression) {
    if (INTRINSIC_VALIDATE != null) {
      return invoke(INTRINSIC_VALIDATE, expression);
    }
    if (!INTRINSIC_CALL.matcher(expression.strip()).matches() || !balanced(expression)) {
      return Optional.of("not a call of the form States.Name(arguments...)");
    }
    return Optional.empty();
  }

  /** What is wrong with a JSONata expression, given without its {@code {% %}} delimiters. */
  static Optional<String> jsonataProblem(String expression) {
    if (expression.isBlank()) {
      return Optional.of("the expression is empty");
    }
    if (JSONATA_VALIDATE != null) {
      return invoke(JSONATA_VALIDATE, expression);
    }
    try {
      Jsonata.jsonata(expression);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private static Optional<String> invoke(Method method, String expression) {
    try {
      method.invoke(null, expression);
      return Optional.empty();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof DefinitionException d) {
        return Optional.of(d.getMessage());
      }
      // Anything else is a fault of the checker, not of the definition.
      return Optional.empty();
    } catch (IllegalAccessException e) {
      return Optional.empty();
    }
  }

  private static Method find(String className) {
    try {
      return Class.forName(className).getMethod("validate", String.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return null;
    }
  }

  /** Parentheses balance outside single-quoted strings (where a backslash escapes). */
  private static boolean balanced(String text) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '\'') {
          quoted = false;
        }
      } else if (c == '\'') {
        quoted = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0 && !quoted;
  }
}
