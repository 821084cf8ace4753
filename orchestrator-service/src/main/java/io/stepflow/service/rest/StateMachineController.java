package io.stepflow.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import io.stepflow.service.statemachine.Page;
import io.stepflow.service.statemachine.StateMachineRow;
import io.stepflow.service.statemachine.StateMachineService;
import io.stepflow.service.statemachine.VersionRow;
import io.stepflow.service.statemachine.VersionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/** State machines and their versions, by name. */
@RestController
@RequestMapping("/api/v1/state-machines")
@Tag(name = "State machines")
class StateMachineController {

  /** The role a state machine registered without one gets; Stepflow never assumes it. */
  static final String DEFAULT_ROLE_NAME = "StepflowExecutionRole";

  @Schema(description = "A state machine to register.")
  record Registration(
      @Schema(description = "1 to 80 characters, no white space or :/#% etc.", example = "orders")
          String name,
      @Schema(description = "The Amazon States Language definition, as a JSON object")
          JsonNode definition,
      @Schema(
              description =
                  "An IAM role ARN, kept as metadata. Default:"
                      + " arn:aws:iam::<stepflow.aws.account-id>:role/"
                      + DEFAULT_ROLE_NAME)
          String roleArn,
      @Schema(description = "STANDARD (default) or EXPRESS") String type,
      @Schema(description = "Also publish version 1") Boolean publish,
      @Schema(description = "The published version's description (needs publish)")
          String versionDescription,
      @Schema(description = "Tags, key to value") Map<String, String> tags) {}

  @Schema(description = "What to change; absent fields stay as they are.")
  record Change(
      @Schema(description = "A new definition, as a JSON object") JsonNode definition,
      String roleArn,
      @Schema(description = "Publish the new revision as the next version") Boolean publish,
      String versionDescription) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StateMachine(
      String stateMachineArn,
      String name,
      String type,
      String roleArn,
      @Schema(description = "The definition, as a JSON object") Object definition,
      String revisionId,
      Instant creationDate,
      Instant updateDate,
      @Schema(description = "The version published by this request, if any")
          String publishedVersionArn) {

    static StateMachine of(StateMachineRow m, VersionRow published) {
      return new StateMachine(
          m.arn(),
          m.name(),
          m.type(),
          m.roleArn(),
          JsonValues.embed(m.definition()),
          m.revisionId(),
          m.createdAt(),
          m.updatedAt(),
          published == null ? null : published.arn());
    }
  }

  record StateMachineSummary(
      String stateMachineArn, String name, String type, Instant creationDate) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Version(
      String stateMachineVersionArn,
      int version,
      String description,
      String revisionId,
      String roleArn,
      @Schema(description = "The definition, as a JSON object") Object definition,
      Instant creationDate) {}

  private final StateMachineService machines;
  private final VersionService versions;
  private final Arns arns;

  StateMachineController(
      @Lazy StateMachineService machines, @Lazy VersionService versions, @Lazy Arns arns) {
    this.machines = machines;
    this.versions = versions;
    this.arns = arns;
  }

  @PostMapping
  @Operation(summary = "Register a state machine")
  ResponseEntity<StateMachine> register(@RequestBody Registration body) {
    var created =
        machines.create(
            new StateMachineService.NewStateMachine(
                body.name(),
                JsonValues.requireObject(body.definition(), "definition"),
                body.roleArn() != null ? body.roleArn() : defaultRoleArn(),
                body.type() != null ? body.type() : "STANDARD",
                body.tags() != null ? body.tags() : Map.of(),
                Boolean.TRUE.equals(body.publish()),
                body.versionDescription()));
    StateMachine view = StateMachine.of(created.machine(), created.version());
    return ResponseEntity.created(location(view.name())).body(view);
  }

  @GetMapping
  @Operation(summary = "List state machines by name")
  Paging<StateMachineSummary> list(
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken) {
    Page<StateMachineRow> page = machines.list(Page.position(pageToken), Paging.limit(limit));
    return new Paging<>(
        page.items().stream()
            .map(m -> new StateMachineSummary(m.arn(), m.name(), m.type(), m.createdAt()))
            .toList(),
        page.nextToken());
  }

  @GetMapping("/{name}")
  @Operation(summary = "Describe a state machine, or a version (name:3)")
  StateMachine get(@PathVariable("name") String name) {
    var d = machines.describe(arns.stateMachine(name));
    return new StateMachine(
        d.arn(),
        d.name(),
        d.type(),
        d.roleArn(),
        JsonValues.embed(d.definition()),
        d.revisionId(),
        d.createdAt(),
        null,
        null);
  }

  @PutMapping("/{name}")
  @Operation(summary = "Update the definition and/or role; optionally publish a version")
  StateMachine update(@PathVariable("name") String name, @RequestBody Change body) {
    if (body.definition() == null && body.roleArn() == null) {
      throw StepflowException.invalid("definition", "given when roleArn is not", null);
    }
    var updated =
        machines.update(
            arns.stateMachine(name),
            new StateMachineService.Change(
                body.definition() == null
                    ? null
                    : JsonValues.requireObject(body.definition(), "definition"),
                body.roleArn(),
                Boolean.TRUE.equals(body.publish()),
                body.versionDescription()));
    return StateMachine.of(updated.machine(), updated.version());
  }

  @DeleteMapping("/{name}")
  @Operation(summary = "Delete a state machine with its versions; unknown names are no error")
  ResponseEntity<Void> delete(@PathVariable("name") String name) {
    machines.delete(arns.stateMachine(name));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{name}/versions")
  @Operation(summary = "List a state machine's versions, newest first")
  Paging<Version> versions(
      @PathVariable("name") String name,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken) {
    Page<VersionRow> page =
        versions.list(arns.stateMachine(name), Page.position(pageToken), Paging.limit(limit));
    return new Paging<>(
        page.items().stream()
            .map(
                v ->
                    new Version(
                        v.arn(),
                        v.version(),
                        v.description(),
                        v.revisionId(),
                        v.roleArn(),
                        JsonValues.embed(v.definition()),
                        v.createdAt()))
            .toList(),
        page.nextToken());
  }

  /** arn:aws:iam::&lt;the configured account&gt;:role/StepflowExecutionRole. */
  private String defaultRoleArn() {
    // the account is the fifth field of every ARN the service builds
    String account = arns.stateMachine("x").split(":")[4];
    return "arn:aws:iam::" + account + ":role/" + DEFAULT_ROLE_NAME;
  }

  static URI location(String name) {
    return URI.create("/api/v1/state-machines/" + UriUtils.encodePathSegment(name, "UTF-8"));
  }
}
