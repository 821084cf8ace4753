package io.stepflow.asl.path;

/** The outcome of reading a path: a value (possibly JSON null) or nothing, with Jayway's reason. */
sealed interface Lookup {

  record Found(Object value) implements Lookup {}

  record Missing(String reason) implements Lookup {}
}
