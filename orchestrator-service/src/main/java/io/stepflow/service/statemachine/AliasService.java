package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Aliases: names that route executions to one or two versions of a state machine. */
@Service
class AliasService {

  static final int MAX_ALIASES = 100;

  private final AliasRepository aliases;
  private final StateMachineRepository machines;
  private final Arns arns;
  private final Clock clock;

  AliasService(AliasRepository aliases, StateMachineRepository machines, Arns arns, Clock clock) {
    this.aliases = aliases;
    this.machines = machines;
    this.arns = arns;
    this.clock = clock;
  }

  /**
   * Creates the alias of the state machine the routed versions belong to. The same request again
   * answers with the existing alias; a different one under that name is ConflictException.
   */
  @Transactional
  AliasRow create(String name, String description, List<Route> routing) {
    Names.requireAliasName(name);
    String machineArn = requireVersions(routing);
    String arn = machineArn + ":" + name;
    var existing = aliases.find(arn);
    if (existing.isPresent()) {
      AliasRow alias = existing.get();
      if (Objects.equals(alias.description(), description) && alias.routing().equals(routing)) {
        return alias;
      }
      throw Errors.conflict(
          "Expected no alias named '"
              + name
              + "' with another configuration, but "
              + arn
              + " exists: UpdateStateMachineAlias changes it");
    }
    if (aliases.listAll(machineArn).size() >= MAX_ALIASES) {
      throw Errors.quotaExceeded(
          "Expected at most "
              + MAX_ALIASES
              + " aliases of "
              + machineArn
              + ", but it has that many");
    }
    Instant now = now();
    AliasRow alias = new AliasRow(arn, machineArn, name, description, routing, now, now);
    try {
      aliases.insert(alias);
    } catch (DuplicateKeyException e) {
      throw Errors.conflict("Expected no alias " + arn + ", but it was created meanwhile");
    }
    return alias;
  }

  @Transactional(readOnly = true)
  AliasRow describe(String aliasArn) {
    return find(aliasArn);
  }

  /** Changes the description and/or routing; null leaves it as it is. */
  @Transactional
  AliasRow update(String aliasArn, String description, List<Route> routing) {
    if (description == null && routing == null) {
      throw Errors.validation(
          "Expected description or routingConfiguration to update the alias, but found neither");
    }
    AliasRow alias = find(aliasArn);
    if (routing != null) {
      String machineArn = requireVersions(routing);
      if (!machineArn.equals(alias.stateMachineArn())) {
        throw Errors.validation(
            "Expected the versions of routingConfiguration to belong to "
                + alias.stateMachineArn()
                + ", but found versions of "
                + machineArn);
      }
    }
    AliasRow updated =
        new AliasRow(
            alias.arn(),
            alias.stateMachineArn(),
            alias.name(),
            description != null ? description : alias.description(),
            routing != null ? routing : alias.routing(),
            alias.createdAt(),
            now());
    aliases.update(updated.arn(), updated.description(), updated.routing(), updated.updatedAt());
    return updated;
  }

  @Transactional
  void delete(String aliasArn) {
    if (!aliases.delete(parseAlias(aliasArn).qualifiedArn())) {
      throw Errors.resourceNotFound("state machine alias", aliasArn);
    }
  }

  /**
   * The aliases of a state machine by name or, for a version ARN, those that route to the version.
   */
  @Transactional(readOnly = true)
  Page<AliasRow> list(String stateMachineArn, String afterName, int size) {
    MachineArn arn = MachineArn.parse(arns, stateMachineArn, "stateMachineArn");
    if (arn.alias() != null) {
      throw Errors.validation(
          "Expected stateMachineArn to be a state machine or version ARN, but found the alias ARN '"
              + stateMachineArn
              + "'");
    }
    if (machines.find(arn.machineArn()).isEmpty()) {
      throw Errors.resourceNotFound("state machine", stateMachineArn);
    }
    if (arn.version() != null && machines.findVersion(arn.qualifiedArn()).isEmpty()) {
      throw Errors.resourceNotFound("state machine version", stateMachineArn);
    }
    List<AliasRow> matching =
        aliases.listAll(arn.machineArn()).stream()
            .filter(a -> afterName == null || a.name().compareTo(afterName) > 0)
            .filter(
                a ->
                    arn.version() == null
                        || a.routing().stream()
                            .anyMatch(r -> r.stateMachineVersionArn().equals(arn.qualifiedArn())))
            .limit(size + 1L)
            .toList();
    return Page.of(matching, size, AliasRow::name);
  }

  /** The routed versions must exist and belong to one state machine: its ARN. */
  private String requireVersions(List<Route> routing) {
    String machineArn = null;
    for (Route route : routing) {
      MachineArn arn =
          MachineArn.parse(
              arns,
              route.stateMachineVersionArn(),
              "routingConfiguration[].stateMachineVersionArn");
      if (arn.version() == null) {
        throw Errors.validation(
            "Expected routingConfiguration[].stateMachineVersionArn to be a version ARN"
                + " (<state machine arn>:<number>), but found '"
                + route.stateMachineVersionArn()
                + "'");
      }
      if (machineArn != null && !machineArn.equals(arn.machineArn())) {
        throw Errors.validation(
            "Expected the versions of routingConfiguration to belong to one state machine, but"
                + " found versions of "
                + machineArn
                + " and "
                + arn.machineArn());
      }
      machineArn = arn.machineArn();
      if (machines.findVersion(arn.qualifiedArn()).isEmpty()) {
        throw Errors.resourceNotFound("state machine version", route.stateMachineVersionArn());
      }
    }
    return machineArn;
  }

  private AliasRow find(String aliasArn) {
    return aliases
        .find(parseAlias(aliasArn).qualifiedArn())
        .orElseThrow(() -> Errors.resourceNotFound("state machine alias", aliasArn));
  }

  private MachineArn parseAlias(String aliasArn) {
    MachineArn arn = MachineArn.parse(arns, aliasArn, "stateMachineAliasArn");
    if (arn.alias() == null) {
      throw Errors.invalidArn(
          "stateMachineAliasArn", "an alias ARN (<state machine arn>:<alias name>)", aliasArn);
    }
    return arn;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
