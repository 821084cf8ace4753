package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.Responses.date;
import static io.stepflow.service.statemachine.Responses.object;

import io.stepflow.service.StepflowException;
import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine and
 * ListStateMachines. Logging, tracing and encryption settings are accepted and not kept: Stepflow
 * answers with logging OFF and tracing disabled.
 */
@Configuration(proxyBeanMethods = false)
class StateMachineActions {

  private static final Map<String, Object> LOGGING_OFF =
      object("level", "OFF", "includeExecutionData", false);
  private static final Map<String, Object> TRACING_OFF = object("enabled", false);

  @Bean
  AwsAction createStateMachine(StateMachineService service) {
    return new NamedAction(
        "CreateStateMachine",
        request -> {
          var created =
              service.create(
                  new StateMachineService.NewStateMachine(
                      request.requiredString("name"),
                      request.requiredString("definition"),
                      request.requiredString("roleArn"),
                      type(request),
                      TagService.read(request.optionalObjects("tags")),
                      request.optionalBoolean("publish", false),
                      request.optionalString("versionDescription")));
          return object(
              "stateMachineArn", created.machine().arn(),
              "creationDate", date(created.machine().createdAt()),
              "stateMachineVersionArn", created.version() == null ? null : created.version().arn());
        });
  }

  @Bean
  AwsAction describeStateMachine(StateMachineService service) {
    return new NamedAction(
        "DescribeStateMachine",
        request -> {
          var d = service.describe(request.requiredString("stateMachineArn"));
          return object(
              "stateMachineArn", d.arn(),
              "name", d.name(),
              "status", "ACTIVE",
              "definition", d.definition(),
              "roleArn", d.roleArn(),
              "type", d.type(),
              "creationDate", date(d.createdAt()),
              "loggingConfiguration", LOGGING_OFF,
              "tracingConfiguration", TRACING_OFF,
              "revisionId", d.revisionId(),
              "description", d.versionDescription());
        });
  }

  @Bean
  AwsAction updateStateMachine(StateMachineService service) {
    return new NamedAction(
        "UpdateStateMachine",
        request -> {
          requireSomethingToUpdate(request);
          var updated =
              service.update(
                  request.requiredString("stateMachineArn"),
                  new StateMachineService.Change(
                      request.optionalString("definition"),
                      request.optionalString("roleArn"),
                      request.optionalBoolean("publish", false),
                      request.optionalString("versionDescription")));
          return object(
              "updateDate", date(updated.machine().updatedAt()),
              "revisionId", updated.machine().revisionId(),
              "stateMachineVersionArn", updated.version() == null ? null : updated.version().arn());
        });
  }

  @Bean
  AwsAction deleteStateMachine(StateMachineService service) {
    return new NamedAction(
        "DeleteStateMachine",
        request -> {
          service.delete(request.requiredString("stateMachineArn"));
          return Map.of();
        });
  }

  @Bean
  AwsAction listStateMachines(StateMachineService service) {
    return new NamedAction(
        "ListStateMachines",
        request -> {
          var page = service.list(Page.position(request), Page.size(request));
          return object(
              "stateMachines",
              page.items().stream()
                  .map(
                      m ->
                          object(
                              "stateMachineArn", m.arn(),
                              "name", m.name(),
                              "type", m.type(),
                              "creationDate", date(m.createdAt())))
                  .toList(),
              "nextToken",
              page.nextToken());
        });
  }

  private static String type(AwsRequest request) {
    String type = request.optionalString("type");
    return type == null ? "STANDARD" : type;
  }

  private static void requireSomethingToUpdate(AwsRequest request) {
    boolean any =
        Stream.of(
                "definition",
                "roleArn",
                "loggingConfiguration",
                "tracingConfiguration",
                "encryptionConfiguration")
            .anyMatch(field -> request.body().get(field) != null);
    if (!any) {
      throw new StepflowException(
          "MissingRequiredParameter",
          StepflowException.Kind.INVALID,
          "Expected at least one of definition, roleArn, loggingConfiguration,"
              + " tracingConfiguration or encryptionConfiguration, but found none");
    }
  }
}
