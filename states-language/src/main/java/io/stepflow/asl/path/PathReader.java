package io.stepflow.asl.path;

/**
 * Reads a reference path for the JSONPath query language: {@code $.a.b} over the state's input,
 * {@code $$.Execution.Id} over the context object, {@code $name.x} over a variable.
 */
@FunctionalInterface
public interface PathReader {

  /**
   * Returns the value at the path.
   *
   * @throws io.stepflow.asl.StatesError when the path matches nothing, with AWS's error name and
   *     cause for the place the path is read from
   */
  Object read(String path);
}
