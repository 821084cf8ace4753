package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Versions: immutable, numbered snapshots of a state machine's revisions. */
@Service
public class VersionService {

  static final int MAX_VERSIONS = 1000;
  static final String INITIAL_REVISION = "INITIAL";

  private final StateMachineRepository machines;
  private final AliasRepository aliases;
  private final Arns arns;
  private final Clock clock;

  VersionService(StateMachineRepository machines, AliasRepository aliases, Arns arns, Clock clock) {
    this.machines = machines;
    this.aliases = aliases;
    this.arns = arns;
    this.clock = clock;
  }

  /**
   * Publishes the current revision as the next version; when that revision already has a version,
   * answers with it instead (AWS's idempotency).
   *
   * @param expectedRevision when given, the revision that must still be current (or INITIAL for a
   *     state machine never updated); else ConflictException
   */
  @Transactional
  VersionRow publish(String stateMachineArn, String expectedRevision, String description) {
    MachineArn arn =
        MachineArn.parse(arns, stateMachineArn, "stateMachineArn")
            .requireUnqualified("stateMachineArn", "PublishStateMachineVersion");
    StateMachineRow machine =
        machines
            .findForUpdate(arn.machineArn())
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    if (expectedRevision != null && !isCurrent(machine, expectedRevision)) {
      throw Errors.conflict(
          "Expected revisionId to be the current revision '"
              + machine.revisionId()
              + "' of "
              + machine.arn()
              + ", but found '"
              + expectedRevision
              + "'");
    }
    var published = machines.findVersionOfRevision(machine.arn(), machine.revisionId());
    if (published.isPresent()) {
      return published.get();
    }
    if (machines.countVersions(machine.arn()) >= MAX_VERSIONS) {
      throw Errors.quotaExceeded(
          "Expected at most "
              + MAX_VERSIONS
              + " versions of "
              + machine.arn()
              + ", but it has that many already: delete unused ones first");
    }
    int number = machines.highestVersion(machine.arn()) + 1;
    VersionRow version =
        new VersionRow(
            machine.arn() + ":" + number,
            machine.arn(),
            number,
            machine.definition(),
            machine.roleArn(),
            machine.revisionId(),
            description,
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    machines.insertVersion(version);
    return version;
  }

  /** Versions newest first. */
  @Transactional(readOnly = true)
  public Page<VersionRow> list(String stateMachineArn, String position, int size) {
    MachineArn arn =
        MachineArn.parse(arns, stateMachineArn, "stateMachineArn")
            .requireUnqualified("stateMachineArn", "ListStateMachineVersions");
    if (machines.find(arn.machineArn()).isEmpty()) {
      throw Errors.stateMachineDoesNotExist(stateMachineArn);
    }
    Integer below = position == null ? null : parseVersion(position);
    return Page.of(
        machines.listVersions(arn.machineArn(), below, size + 1),
        size,
        v -> Integer.toString(v.version()));
  }

  /**
   * Deletes a version no alias routes to (else ConflictException). An unknown version is no error.
   */
  @Transactional
  void delete(String stateMachineVersionArn) {
    MachineArn arn = MachineArn.parse(arns, stateMachineVersionArn, "stateMachineVersionArn");
    if (arn.version() == null) {
      throw Errors.validation(
          "Expected stateMachineVersionArn to be a version ARN (<state machine arn>:<number>),"
              + " but found '"
              + stateMachineVersionArn
              + "'");
    }
    String versionArn = arn.qualifiedArn();
    var users =
        aliases.listAll(arn.machineArn()).stream()
            .filter(
                a ->
                    a.routing().stream()
                        .anyMatch(r -> r.stateMachineVersionArn().equals(versionArn)))
            .map(AliasRow::arn)
            .toList();
    if (!users.isEmpty()) {
      throw Errors.conflict(
          "Expected version "
              + versionArn
              + " to be unused before deleting it, but these aliases route to it: "
              + String.join(", ", users));
    }
    machines.deleteVersion(versionArn);
  }

  private static boolean isCurrent(StateMachineRow machine, String expected) {
    return expected.equals(machine.revisionId())
        || (INITIAL_REVISION.equals(expected) && machine.neverUpdated());
  }

  private static Integer parseVersion(String position) {
    try {
      return Integer.valueOf(position);
    } catch (NumberFormatException e) {
      throw Page.invalidToken(position);
    }
  }
}
