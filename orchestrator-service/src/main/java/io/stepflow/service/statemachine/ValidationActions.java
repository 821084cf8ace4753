package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.Responses.object;

import io.stepflow.asl.validate.Diagnostic;
import io.stepflow.asl.validate.Severity;
import io.stepflow.service.StepflowException;
import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsRequest;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ValidateStateMachineDefinition: result FAIL when there is an error, diagnostics at or above the
 * requested severity (ERROR by default), at most maxResults of them (100 by default).
 */
@Configuration(proxyBeanMethods = false)
class ValidationActions {

  @Bean
  AwsAction validateStateMachineDefinition(DefinitionChecker checker) {
    return new NamedAction(
        "ValidateStateMachineDefinition",
        request -> {
          String definition = request.requiredString("definition");
          String type = request.optionalString("type");
          if (type != null && !StateMachineService.TYPES.contains(type)) {
            throw StepflowException.invalid("type", "STANDARD or EXPRESS", type);
          }
          boolean warnings = includesWarnings(request);
          int max = request.optionalInt("maxResults", 0, 0, 100);
          int limit = max == 0 ? 100 : max;
          List<Diagnostic> all = checker.diagnose(definition);
          boolean failed = all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
          List<Diagnostic> shown =
              all.stream().filter(d -> warnings || d.severity() == Severity.ERROR).toList();
          return object(
              "result",
              failed ? "FAIL" : "OK",
              "diagnostics",
              shown.stream().limit(limit).map(ValidationActions::diagnostic).toList(),
              "truncated",
              shown.size() > limit);
        });
  }

  private static boolean includesWarnings(AwsRequest request) {
    String severity = request.optionalString("severity");
    if (severity == null || severity.equals("ERROR")) {
      return false;
    }
    if (severity.equals("WARNING")) {
      return true;
    }
    throw StepflowException.invalid("severity", "ERROR or WARNING", severity);
  }

  private static Map<String, Object> diagnostic(Diagnostic d) {
    return object(
        "severity", d.severity().name(),
        "code", d.code(),
        "message", d.message(),
        "location", d.location().isEmpty() ? null : d.location());
  }
}
