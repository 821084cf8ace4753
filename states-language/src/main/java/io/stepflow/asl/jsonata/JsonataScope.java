package io.stepflow.asl.jsonata;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a JSONata expression can see: {@code $states.input}, {@code $states.context}, the workflow
 * variables as {@code $name}, and, once set, {@code $states.result} and {@code
 * $states.errorOutput}. A scope is immutable; the {@code with*} methods return a copy.
 *
 * <p>The values are read, never changed, by an evaluation, and are not copied: do not change them
 * while an evaluation runs.
 */
public final class JsonataScope {

  /** Marks {@code result} and {@code errorOutput} as not set (JSONata sees them as undefined). */
  static final Object ABSENT = new Object();

  private final Object input;
  private final Object context;
  private final Map<String, Object> variables;
  private final Object result;
  private final Object errorOutput;
  private final RandomGenerator random;

  private JsonataScope(
      Object input,
      Object context,
      Map<String, Object> variables,
      Object result,
      Object errorOutput,
      RandomGenerator random) {
    this.input = input;
    this.context = context;
    this.variables = variables;
    this.result = result;
    this.errorOutput = errorOutput;
    this.random = random;
  }

  /**
   * A scope with the state's input, the context object and the workflow variables in reach.
   *
   * @param variables variable name (without {@code $}) to value; null means none
   */
  public static JsonataScope of(Object input, Object context, Map<String, Object> variables) {
    return new JsonataScope(
        input, context, variables == null ? Map.of() : variables, ABSENT, ABSENT, null);
  }

  /** This scope with {@code $states.result} set (Task, Map and Parallel: in Output and Assign). */
  public JsonataScope withResult(Object result) {
    return new JsonataScope(input, context, variables, result, errorOutput, random);
  }

  /** This scope with {@code $states.errorOutput} set (in a Catch's Output and Assign). */
  public JsonataScope withErrorOutput(Object errorOutput) {
    return new JsonataScope(input, context, variables, result, errorOutput, random);
  }

  /**
   * This scope with the source of randomness for {@code $random()} and {@code $uuid()}: the engine
   * passes the generator it was given, so a seeded one repeats the values. Without it a
   * thread-local generator is used.
   */
  public JsonataScope withRandom(RandomGenerator random) {
    return new JsonataScope(
        input, context, variables, result, errorOutput, Objects.requireNonNull(random, "random"));
  }

  Object input() {
    return input;
  }

  Object context() {
    return context;
  }

  Map<String, Object> variables() {
    return variables;
  }

  Object result() {
    return result;
  }

  Object errorOutput() {
    return errorOutput;
  }

  /** The injected generator, or null when none was given. */
  RandomGenerator random() {
    return random;
  }
}
