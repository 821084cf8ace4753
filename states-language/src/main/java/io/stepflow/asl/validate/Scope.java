package io.stepflow.asl.validate;

import java.util.HashMap;
import java.util.Map;

/** What every rule needs while one definition is validated. */
final class Scope {

  final Report report;
  final ResourceCheck resources;
  final boolean topJsonata;

  /** Every state name seen so far in the whole definition, with where it was defined. */
  final Map<String, String> stateNames = new HashMap<>();

  Scope(Report report, ResourceCheck resources, boolean topJsonata) {
    this.report = report;
    this.resources = resources;
    this.topJsonata = topJsonata;
  }
}
