package io.stepflow.asl.choice;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.path.Scope;

/** Reads the paths of a Choice rule, failing as AWS does when one matches nothing. */
final class ConditionPaths {

  /** Stands for "the path matched nothing"; never a JSON value. */
  static final Object ABSENT = new Object();

  private ConditionPaths() {}

  /** The value at the path, which must exist. */
  static Object read(String path, Scope scope) {
    Object value = scope.readOrElse(path, ABSENT);
    if (value == ABSENT) {
      throw new StatesError(
          ErrorNames.RUNTIME,
          "Invalid path '"
              + path
              + "': The choice state's condition path references an invalid value.");
    }
    return value;
  }
}
