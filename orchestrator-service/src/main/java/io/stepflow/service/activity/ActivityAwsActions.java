package io.stepflow.service.activity;

import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activity actions of the AWS Step Functions API. */
@Configuration(proxyBeanMethods = false)
class ActivityAwsActions {

  @Bean
  AwsAction createActivity(ActivityService activities) {
    return AwsAction.of(
        "CreateActivity",
        r -> {
          ActivityService.Activity a = activities.create(r.requiredString("name"));
          return Map.of("activityArn", a.arn(), "creationDate", AwsTime.of(a.created()));
        });
  }

  @Bean
  AwsAction describeActivity(ActivityService activities) {
    return AwsAction.of(
        "DescribeActivity", r -> view(activities.describe(r.requiredString("activityArn"))));
  }

  @Bean
  AwsAction deleteActivity(ActivityService activities) {
    return AwsAction.of(
        "DeleteActivity",
        r -> {
          activities.delete(r.requiredString("activityArn"));
          return Map.of();
        });
  }

  @Bean
  AwsAction listActivities(ActivityService activities) {
    return AwsAction.of(
        "ListActivities",
        r -> {
          List<Map<String, Object>> items =
              activities.list().stream().map(ActivityAwsActions::view).toList();
          return Map.of("activities", items);
        });
  }

  @Bean
  AwsAction getActivityTask(ActivityService activities) {
    return AwsAction.of(
        "GetActivityTask",
        r -> {
          Map<String, Object> out = new LinkedHashMap<>();
          activities
              .poll(r.requiredString("activityArn"), r.optionalString("workerName"))
              .ifPresent(
                  t -> {
                    out.put("taskToken", t.taskToken());
                    out.put("input", t.input());
                  });
          return out;
        });
  }

  private static Map<String, Object> view(ActivityService.Activity a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("activityArn", a.arn());
    out.put("name", a.name());
    out.put("creationDate", AwsTime.of(a.created()));
    return out;
  }
}
