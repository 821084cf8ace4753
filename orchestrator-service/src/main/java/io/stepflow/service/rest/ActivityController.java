package io.stepflow.service.rest;

import io.stepflow.service.Arns;
import io.stepflow.service.activity.ActivityService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** Activities: the queues workers poll for the tasks of Task states with an activity resource. */
@RestController
@RequestMapping("/api/v1/activities")
@Tag(name = "Activities")
class ActivityController {

  record NewActivity(
      @Schema(description = "1 to 80 letters, digits, '-', '_' or '.'", example = "approve")
          String name) {}

  record Activity(String activityArn, String name, Instant creationDate) {

    static Activity of(ActivityService.Activity a) {
      return new Activity(a.arn(), a.name(), a.created());
    }
  }

  private final ActivityService activities;
  private final Arns arns;

  ActivityController(@Lazy ActivityService activities, @Lazy Arns arns) {
    this.activities = activities;
    this.arns = arns;
  }

  @PostMapping
  @Operation(summary = "Create an activity; creating one that exists answers with it")
  ResponseEntity<Activity> create(@RequestBody NewActivity body) {
    Activity created = Activity.of(activities.create(body.name()));
    return ResponseEntity.created(
            URI.create(
                "/api/v1/activities/"
                    + UriUtils.encodePathSegment(created.name(), StandardCharsets.UTF_8)))
        .body(created);
  }

  @GetMapping
  @Operation(summary = "List every activity by name")
  Paging<Activity> list() {
    return new Paging<>(activities.list().stream().map(Activity::of).toList(), null);
  }

  @GetMapping("/{name}")
  @Operation(summary = "Describe an activity")
  Activity get(@PathVariable("name") String name) {
    return Activity.of(activities.describe(arns.activity(name)));
  }

  @DeleteMapping("/{name}")
  @Operation(summary = "Delete an activity; unknown names are no error")
  ResponseEntity<Void> delete(@PathVariable("name") String name) {
    activities.delete(arns.activity(name));
    return ResponseEntity.noContent().build();
  }
}
