package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.Responses.object;

import io.stepflow.service.aws.AwsAction;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** TagResource, UntagResource and ListTagsForResource, for state machines and activities. */
@Configuration(proxyBeanMethods = false)
class TagActions {

  @Bean
  AwsAction tagResource(TagService service) {
    return new NamedAction(
        "TagResource",
        request -> {
          service.tag(
              request.requiredString("resourceArn"),
              TagService.read(request.optionalObjects("tags")));
          return Map.of();
        });
  }

  @Bean
  AwsAction untagResource(TagService service) {
    return new NamedAction(
        "UntagResource",
        request -> {
          service.untag(request.requiredString("resourceArn"), request.optionalStrings("tagKeys"));
          return Map.of();
        });
  }

  @Bean
  AwsAction listTagsForResource(TagService service) {
    return new NamedAction(
        "ListTagsForResource",
        request ->
            object(
                "tags",
                service.list(request.requiredString("resourceArn")).entrySet().stream()
                    .map(tag -> object("key", tag.getKey(), "value", tag.getValue()))
                    .toList()));
  }
}
