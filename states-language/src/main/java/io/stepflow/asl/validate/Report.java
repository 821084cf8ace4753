package io.stepflow.asl.validate;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one validation run, in the order they were found. */
final class Report {

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  void error(String code, String location, String message) {
    diagnostics.add(new Diagnostic(Severity.ERROR, code, location, message));
  }

  void warning(String code, String location, String message) {
    diagnostics.add(new Diagnostic(Severity.WARNING, code, location, message));
  }

  List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }
}
