package io.stepflow.asl.path;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import java.util.Map;

/**
 * What expressions of a JSONPath state can see: the effective input ({@code $}), the context object
 * ({@code $$}) and the variables ({@code $name}).
 *
 * @param input the value {@code $} reads
 * @param context the context object {@code $$} reads; may be null when there is none
 * @param variables the variables in scope by name; null means none
 */
public record Scope(Object input, Object context, Map<String, Object> variables)
    implements PathReader {

  public Scope {
    variables = variables == null ? Map.of() : variables;
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

  /** The same context object and variables, over another input. */
  public Scope withInput(Object newInput) {
    return new Scope(newInput, context, variables);
  }
}
