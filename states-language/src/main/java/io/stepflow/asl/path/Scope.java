package io.stepflow.asl.path;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What expressions of a JSONPath state can see: the effective input ({@code $}), the context object
 * ({@code $$}) and the variables ({@code $name}).
 *
 * @param input the value {@code $} reads
 * @param context the context object {@code $$} reads; may be null when there is none
 * @param variables the variables in scope by name; null means none
 * @param random where intrinsic functions draw random values (States.UUID, States.MathRandom); null
 *     means a secure generator
 */
public record Scope(
    Object input, Object context, Map<String, Object> variables, RandomGenerator random)
    implements PathReader {

  public Scope {
    variables = variables == null ? Map.of() : variables;
  }

  /** A scope whose intrinsic functions draw random values from a secure generator. */
  public Scope(Object input, Object context, Map<String, Object> variables) {
    this(input, context, variables, null);
  }

  /**
   * Returns the value at the path: {@code $...} over the input, {@code $$...} over the context
   * object, {@code $name...} over a variable. Definite paths give one value, indefinite ones (a
   * wildcard, slice or filter) a list, possibly empty.
   *
   * @throws StatesError {@code States.Runtime} with AWS's cause {@code Invalid path '<path>' :
   *     <reason>} when the path matches nothing
   */
  @Override
  public Object read(String path) {
    return switch (PathResolver.resolve(path, this)) {
      case Lookup.Found found -> found.value();
      case Lookup.Missing missing ->
          throw new StatesError(
              ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + missing.reason());
    };
  }

  /**
   * Returns the value at the path, or {@code whenAbsent} when the path matches nothing; for tests
   * of presence such as the Choice rule {@code IsPresent}.
   */
  public Object readOrElse(String path, Object whenAbsent) {
    return PathResolver.resolve(path, this) instanceof Lookup.Found found
        ? found.value()
        : whenAbsent;
  }

  /** The same context object, variables and generator, over another input. */
  public Scope withInput(Object newInput) {
    return new Scope(newInput, context, variables, random);
  }
}
