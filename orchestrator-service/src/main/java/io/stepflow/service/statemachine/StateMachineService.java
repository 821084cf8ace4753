package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** State machines: create, describe, update, delete and list. */
@Service
public class StateMachineService {

  static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");

  /** What CreateStateMachine asks for. */
  public record NewStateMachine(
      String name,
      String definition,
      String roleArn,
      String type,
      Map<String, String> tags,
      boolean publish,
      String versionDescription) {}

  /** The state machine that exists after CreateStateMachine, and the version it published. */
  public record Created(StateMachineRow machine, VersionRow version) {}

  /** What UpdateStateMachine asks for; null fields stay as they are. */
  public record Change(
      String definition, String roleArn, boolean publish, String versionDescription) {}

  /** The revision after UpdateStateMachine, and the version it published. */
  public record Updated(StateMachineRow machine, VersionRow version) {}

  /** DescribeStateMachine's view of a state machine or one of its versions. */
  public record Description(
      String arn,
      String name,
      String type,
      String roleArn,
      String definition,
      String revisionId,
      String versionDescription,
      Instant createdAt) {}

  private final StateMachineRepository machines;
  private final VersionService versions;
  private final TagRepository tags;
  private final DefinitionChecker checker;
  private final Arns arns;
  private final Clock clock;

  StateMachineService(
      StateMachineRepository machines,
      VersionService versions,
      TagRepository tags,
      DefinitionChecker checker,
      Arns arns,
      Clock clock) {
    this.machines = machines;
    this.versions = versions;
    this.tags = tags;
    this.checker = checker;
    this.arns = arns;
    this.clock = clock;
  }

  /**
   * Creates the state machine. Asking again with the same name, definition and type answers with
   * the existing one, as AWS does; anything else under an existing name is
   * StateMachineAlreadyExists.
   */
  @Transactional
  public Created create(NewStateMachine request) {
    Names.requireMachineName(request.name());
    requireType(request.type());
    requireRoleArn(request.roleArn());
    requireVersionDescriptionOnlyWithPublish(request.publish(), request.versionDescription());
    checker.requireValid(request.definition());
    String arn = arns.stateMachine(request.name());
    TagService.requireWithinLimit(arn, request.tags());
    var existing = machines.find(arn);
    if (existing.isPresent()) {
      return createdAgain(existing.get(), request);
    }
    Instant now = now();
    StateMachineRow row =
        new StateMachineRow(
            arn,
            request.name(),
            request.type(),
            request.roleArn(),
            request.definition(),
            UUID.randomUUID().toString(),
            now,
            now);
    try {
      machines.insert(row);
    } catch (DuplicateKeyException e) {
      throw alreadyExists(arn);
    }
    tags.put(arn, request.tags());
    VersionRow version =
        request.publish() ? versions.publish(arn, null, request.versionDescription()) : null;
    return new Created(row, version);
  }

  private Created createdAgain(StateMachineRow existing, NewStateMachine request) {
    if (!existing.definition().equals(request.definition())
        || !existing.type().equals(request.type())) {
      throw alreadyExists(existing.arn());
    }
    VersionRow version =
        request.publish()
            ? versions.publish(existing.arn(), null, request.versionDescription())
            : null;
    return new Created(existing, version);
  }

  @Transactional(readOnly = true)
  public Description describe(String stateMachineArn) {
    MachineArn arn = MachineArn.parse(arns, stateMachineArn, "stateMachineArn");
    if (arn.alias() != null) {
      throw Errors.validation(
          "Expected stateMachineArn to be a state machine or version ARN, but found the alias ARN '"
              + stateMachineArn
              + "' (DescribeStateMachineAlias describes aliases)");
    }
    StateMachineRow machine =
        machines
            .find(arn.machineArn())
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    if (arn.version() == null) {
      return new Description(
          machine.arn(),
          machine.name(),
          machine.type(),
          machine.roleArn(),
          machine.definition(),
          machine.revisionId(),
          null,
          machine.createdAt());
    }
    VersionRow version =
        machines
            .findVersion(arn.qualifiedArn())
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    return new Description(
        version.arn(),
        machine.name(),
        machine.type(),
        version.roleArn(),
        version.definition(),
        version.revisionId(),
        version.description(),
        version.createdAt());
  }

  /** Replaces the definition and/or role: a new revision; published versions stay as they were. */
  @Transactional
  public Updated update(String stateMachineArn, Change change) {
    MachineArn arn =
        MachineArn.parse(arns, stateMachineArn, "stateMachineArn")
            .requireUnqualified("stateMachineArn", "UpdateStateMachine");
    requireVersionDescriptionOnlyWithPublish(change.publish(), change.versionDescription());
    if (change.definition() != null) {
      checker.requireValid(change.definition());
    }
    if (change.roleArn() != null) {
      requireRoleArn(change.roleArn());
    }
    StateMachineRow machine =
        machines
            .findForUpdate(arn.machineArn())
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    Instant now = now();
    if (!now.isAfter(machine.createdAt())) {
      now = machine.createdAt().plusMillis(1);
    }
    StateMachineRow updated =
        new StateMachineRow(
            machine.arn(),
            machine.name(),
            machine.type(),
            change.roleArn() != null ? change.roleArn() : machine.roleArn(),
            change.definition() != null ? change.definition() : machine.definition(),
            UUID.randomUUID().toString(),
            machine.createdAt(),
            now);
    machines.update(
        updated.arn(), updated.definition(), updated.roleArn(), updated.revisionId(), now);
    VersionRow version =
        change.publish()
            ? versions.publish(updated.arn(), null, change.versionDescription())
            : null;
    return new Updated(updated, version);
  }

  /** Deletes the state machine, its versions, aliases and tags. Unknown ARNs are no error. */
  @Transactional
  public void delete(String stateMachineArn) {
    MachineArn arn =
        MachineArn.parse(arns, stateMachineArn, "stateMachineArn")
            .requireUnqualified("stateMachineArn", "DeleteStateMachine");
    machines.delete(arn.machineArn());
    tags.removeAll(arn.machineArn());
  }

  @Transactional(readOnly = true)
  public Page<StateMachineRow> list(String afterName, int size) {
    return Page.of(machines.list(afterName, size + 1), size, StateMachineRow::name);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static StepflowException alreadyExists(String arn) {
    return new StepflowException(
        "StateMachineAlreadyExists",
        StepflowException.Kind.CONFLICT,
        "State Machine Already Exists: '" + arn + "'");
  }

  private static void requireType(String type) {
    if (!TYPES.contains(type)) {
      throw StepflowException.invalid("type", "STANDARD or EXPRESS", type);
    }
  }

  static void requireRoleArn(String roleArn) {
    if (roleArn == null || !roleArn.matches("arn:[^:]+:[^:]*:[^:]*:[^:]*:.+")) {
      throw Errors.invalidArn(
          "roleArn", "an IAM role ARN (arn:aws:iam::<account>:role/<name>)", roleArn);
    }
  }

  private static void requireVersionDescriptionOnlyWithPublish(boolean publish, String text) {
    if (text != null && !publish) {
      throw Errors.validation(
          "Expected publish to be true when versionDescription is given, but found false");
    }
  }
}
