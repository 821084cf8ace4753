package io.stepflow.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the JSONata expressions of states with {@code "QueryLanguage": "JSONata"}: strings of
 * the form <code>"{% expression %}"</code> anywhere in Arguments, Output, Assign, Items,
 * ItemSelector, Condition and the other fields that take them.
 *
 * <p>Failures are {@link StatesError}s named {@code States.QueryEvaluationError}. Their cause is
 * the text AWS reports after its per-state prefix; the engine puts that prefix in front, for
 * example {@code "An error occurred while executing the state 'S' (entered at the event id #2). "}
 * followed by {@code "The JSONata expression '$x' specified for the field 'Output/a' returned
 * nothing (undefined)."}
 *
 * <p>Results are plain JSON values ({@link Json}) in fresh maps and lists, never shared with the
 * input; integral numbers come out as integers (3, not 3.0) as AWS writes them.
 */
public final class JsonataEvaluator {

  private static final String OPEN = "{%";
  private static final String CLOSE = "%}";

  private static final ExpressionCache CACHE =
      new ExpressionCache(ExpressionCache.DEFAULT_CAPACITY, JsonataEvaluator::parse);

  private JsonataEvaluator() {}

  /** True for a string that starts with <code>{%</code> and ends with <code>%}</code>. */
  public static boolean isExpression(Object value) {
    return value instanceof String s
        && s.length() >= OPEN.length() + CLOSE.length()
        && s.startsWith(OPEN)
        && s.endsWith(CLOSE);
  }

  /**
   * Evaluates one expression.
   *
   * @param expression the expression without the surrounding <code>{% %}</code>
   * @return its value as plain JSON (null for JSON null)
   * @throws StatesError {@code States.QueryEvaluationError} when the expression fails, yields
   *     undefined or yields something JSON cannot carry (a function)
   */
  public static Object evaluate(String expression, JsonataScope scope) {
    return evaluateExpression(expression.strip(), scope, null);
  }

  /**
   * Evaluates a field's value: maps and lists are walked, every <code>"{% ... %}"</code> string in
   * them is replaced by its value, all other values are copied. The field {@code Items} must yield
   * an array and {@code Condition} a boolean when given as an expression.
   *
   * @param fieldName the field's name as AWS reports it (for example {@code Output}); nested values
   *     are reported as {@code Output/key}
   * @throws StatesError {@code States.QueryEvaluationError} as for {@link #evaluate}, or when a
   *     result has the wrong type for its field
   */
  public static Object evaluateTemplate(Object template, JsonataScope scope, String fieldName) {
    if (isExpression(template)) {
      String expression = body((String) template);
      Object value = evaluateExpression(expression, scope, fieldName);
      checkFieldType(expression, fieldName, value);
      return value;
    }
    return walk(template, scope, fieldName);
  }

  /**
   * Checks that an expression parses.
   *
   * @param expression the expression without the surrounding <code>{% %}</code>
   * @throws DefinitionException with a null location when it does not parse
   */
  public static void validate(String expression) {
    String body = isExpression(expression) ? body(expression) : expression.strip();
    try {
      CACHE.get(body);
    } catch (JException e) {
      throw new DefinitionException(
          null,
          "The JSONata expression '"
              + body
              + "' is not valid: "
              + e.getError()
              + ": "
              + e.getMessage()
              + " (at character "
              + e.getLocation()
              + ")");
    }
  }

  /** The expression between <code>{%</code> and <code>%}</code>, without surrounding blanks. */
  static String body(String wrapped) {
    return wrapped.substring(OPEN.length(), wrapped.length() - CLOSE.length()).strip();
  }

  private static Jsonata parse(String expression) {
    Jsonata parsed = Jsonata.jsonata(expression);
    parsed.setOutputConvertNulls(false);
    return parsed;
  }

  @SuppressWarnings("unchecked")
  private static Object walk(Object template, JsonataScope scope, String path) {
    if (template instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      ((Map<String, Object>) map)
          .forEach((k, v) -> out.put(k, walkChild(v, scope, child(path, k))));
      return out;
    }
    if (template instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(walkChild(list.get(i), scope, child(path, String.valueOf(i))));
      }
      return out;
    }
    return Json.deepCopy(template);
  }

  private static Object walkChild(Object value, JsonataScope scope, String path) {
    if (isExpression(value)) {
      return evaluateExpression(body((String) value), scope, path);
    }
    return walk(value, scope, path);
  }

  private static String child(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "/" + key;
  }

  private static Object evaluateExpression(String expression, JsonataScope scope, String field) {
    Object raw;
    try {
      Jsonata parsed = CACHE.get(expression);
      raw = parsed.evaluate(null, frame(parsed, scope));
    } catch (JException e) {
      throw failure(expression, field, "threw an error during evaluation. " + describe(e), e);
    } catch (AwsFunctions.FunctionException | EvaluationBudget.ExceededException e) {
      throw failure(expression, field, "threw an error during evaluation. " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw failure(
          expression,
          field,
          "threw an error during evaluation. U1001: Stack overflow error: Check for"
              + " non-terminating recursive function. Consider rewriting as tail-recursive.",
          null);
    } catch (RuntimeException e) {
      throw failure(
          expression,
          field,
          "threw an error during evaluation. "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    if (raw == null) {
      throw failure(expression, field, "returned nothing (undefined).", null);
    }
    try {
      return JsonataValues.fromJsonata(raw);
    } catch (JsonataValues.UnsupportedResultException e) {
      throw failure(expression, field, "returned an unsupported result type.", null);
    }
  }

  private static Jsonata.Frame frame(Jsonata parsed, JsonataScope scope) {
    Jsonata.Frame frame = parsed.createFrame();
    new EvaluationBudget(EvaluationBudget.DEFAULT_MAX_STEPS, EvaluationBudget.DEFAULT_MAX_DEPTH)
        .watch(frame);
    for (Map.Entry<String, Object> v : scope.variables().entrySet()) {
      frame.bind(v.getKey(), JsonataValues.toJsonata(v.getValue()));
    }
    AwsFunctions.bind(frame, scope.random());
    Map<String, Object> states = new LinkedHashMap<>(8);
    states.put("input", scope.input());
    states.put("context", scope.context());
    if (scope.result() != JsonataScope.ABSENT) {
      states.put("result", scope.result());
    }
    if (scope.errorOutput() != JsonataScope.ABSENT) {
      states.put("errorOutput", scope.errorOutput());
    }
    frame.bind("states", states);
    return frame;
  }

  private static void checkFieldType(String expression, String field, Object value) {
    if ("Items".equals(field) && !(value instanceof List)) {
      throw unexpectedType(expression, field, "array", value);
    }
    if ("Condition".equals(field) && !(value instanceof Boolean)) {
      throw unexpectedType(expression, field, "boolean", value);
    }
  }

  private static StatesError unexpectedType(
      String expression, String field, String expected, Object value) {
    return failure(
        expression,
        field,
        "returned an unexpected result type. Expected '"
            + expected
            + "', but was '"
            + Json.typeName(value)
            + "' for value: "
            + Json.write(value),
        null);
  }

  private static String describe(JException e) {
    String message = e.getMessage();
    String code = e.getError();
    if (code == null || code.isEmpty()) {
      return message;
    }
    return message == null ? code : code + ": " + message;
  }

  private static StatesError failure(
      String expression, String field, String what, Throwable cause) {
    String text =
        "The JSONata expression '"
            + expression
            + "'"
            + (field == null ? "" : " specified for the field '" + field + "'")
            + " "
            + what;
    return cause == null
        ? new StatesError(ErrorNames.QUERY_EVALUATION_ERROR, text)
        : new StatesError(ErrorNames.QUERY_EVALUATION_ERROR, text, cause);
  }
}
