package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.Responses.date;
import static io.stepflow.service.statemachine.Responses.object;

import io.stepflow.service.aws.AwsAction;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion. */
@Configuration(proxyBeanMethods = false)
class VersionActions {

  @Bean
  AwsAction publishStateMachineVersion(VersionService service) {
    return new NamedAction(
        "PublishStateMachineVersion",
        request -> {
          VersionRow version =
              service.publish(
                  request.requiredString("stateMachineArn"),
                  request.optionalString("revisionId"),
                  request.optionalString("description"));
          return object(
              "creationDate", date(version.createdAt()), "stateMachineVersionArn", version.arn());
        });
  }

  @Bean
  AwsAction listStateMachineVersions(VersionService service) {
    return new NamedAction(
        "ListStateMachineVersions",
        request -> {
          var page =
              service.list(
                  request.requiredString("stateMachineArn"),
                  Page.position(request),
                  Page.size(request));
          return object(
              "stateMachineVersions",
              page.items().stream()
                  .map(
                      v ->
                          object(
                              "stateMachineVersionArn",
                              v.arn(),
                              "creationDate",
                              date(v.createdAt())))
                  .toList(),
              "nextToken",
              page.nextToken());
        });
  }

  @Bean
  AwsAction deleteStateMachineVersion(VersionService service) {
    return new NamedAction(
        "DeleteStateMachineVersion",
        request -> {
          service.delete(request.requiredString("stateMachineVersionArn"));
          return Map.of();
        });
  }
}
