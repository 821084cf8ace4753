package io.stepflow.service.statemachine;

import io.stepflow.asl.validate.DefinitionValidator;
import io.stepflow.asl.validate.Diagnostic;
import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.asl.validate.Severity;
import io.stepflow.service.StepflowException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Validates definitions as AWS does. Task resources are checked by the {@link ResourceCheck} bean
 * the connectors provide; without one every resource is accepted.
 */
@Component
class DefinitionChecker {

  private final ResourceCheck resources;

  DefinitionChecker(ObjectProvider<ResourceCheck> resources) {
    this.resources = resources.getIfAvailable(() -> ResourceCheck.ANY);
  }

  /** Every error and warning, in the order found. */
  List<Diagnostic> diagnose(String definition) {
    return DefinitionValidator.validateText(definition, resources);
  }

  /** Throws InvalidDefinition naming every error and where it is; warnings are allowed. */
  void requireValid(String definition) {
    List<Diagnostic> errors =
        diagnose(definition).stream().filter(d -> d.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      throw new StepflowException(
          "InvalidDefinition",
          StepflowException.Kind.INVALID,
          "Invalid State Machine Definition: "
              + errors.stream()
                  .map(
                      d ->
                          "'"
                              + d.code()
                              + ": "
                              + d.message()
                              + " at "
                              + (d.location().isEmpty() ? "/" : d.location())
                              + "'")
                  .collect(Collectors.joining(", ")));
    }
  }
}
