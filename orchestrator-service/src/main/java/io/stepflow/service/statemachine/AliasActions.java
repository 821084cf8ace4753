package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.Responses.date;
import static io.stepflow.service.statemachine.Responses.object;
import static io.stepflow.service.statemachine.Responses.routing;

import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsRequest;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
 * DeleteStateMachineAlias and ListStateMachineAliases.
 */
@Configuration(proxyBeanMethods = false)
class AliasActions {

  @Bean
  AwsAction createStateMachineAlias(AliasService service) {
    return new NamedAction(
        "CreateStateMachineAlias",
        request -> {
          AliasRow alias =
              service.create(
                  request.requiredString("name"),
                  request.optionalString("description"),
                  Routing.read(request.optionalObjects("routingConfiguration")));
          return object(
              "stateMachineAliasArn", alias.arn(), "creationDate", date(alias.createdAt()));
        });
  }

  @Bean
  AwsAction describeStateMachineAlias(AliasService service) {
    return new NamedAction(
        "DescribeStateMachineAlias",
        request -> {
          AliasRow alias = service.describe(request.requiredString("stateMachineAliasArn"));
          return object(
              "stateMachineAliasArn", alias.arn(),
              "name", alias.name(),
              "description", alias.description(),
              "routingConfiguration", routing(alias.routing()),
              "creationDate", date(alias.createdAt()),
              "updateDate", date(alias.updatedAt()));
        });
  }

  @Bean
  AwsAction updateStateMachineAlias(AliasService service) {
    return new NamedAction(
        "UpdateStateMachineAlias",
        request -> {
          AliasRow alias =
              service.update(
                  request.requiredString("stateMachineAliasArn"),
                  request.optionalString("description"),
                  optionalRouting(request));
          return object("updateDate", date(alias.updatedAt()));
        });
  }

  @Bean
  AwsAction deleteStateMachineAlias(AliasService service) {
    return new NamedAction(
        "DeleteStateMachineAlias",
        request -> {
          service.delete(request.requiredString("stateMachineAliasArn"));
          return Map.of();
        });
  }

  @Bean
  AwsAction listStateMachineAliases(AliasService service) {
    return new NamedAction(
        "ListStateMachineAliases",
        request -> {
          var page =
              service.list(
                  request.requiredString("stateMachineArn"),
                  Page.position(request),
                  Page.size(request));
          return object(
              "stateMachineAliases",
              page.items().stream()
                  .map(
                      a ->
                          object(
                              "stateMachineAliasArn", a.arn(), "creationDate", date(a.createdAt())))
                  .toList(),
              "nextToken",
              page.nextToken());
        });
  }

  private static List<Route> optionalRouting(AwsRequest request) {
    return request.body().get("routingConfiguration") == null
        ? null
        : Routing.read(request.optionalObjects("routingConfiguration"));
  }
}
