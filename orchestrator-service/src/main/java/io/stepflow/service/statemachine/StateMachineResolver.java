package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog StartExecution reads: the current revision, a version, or a version drawn by an
 * alias's weights. Randomness comes from a {@link RandomGenerator} bean when there is one.
 */
@Service
class StateMachineResolver implements StateMachineCatalog {

  private final StateMachineRepository machines;
  private final AliasRepository aliases;
  private final Arns arns;
  private final RandomGenerator random;

  StateMachineResolver(
      StateMachineRepository machines,
      AliasRepository aliases,
      Arns arns,
      ObjectProvider<RandomGenerator> random) {
    this.machines = machines;
    this.aliases = aliases;
    this.arns = arns;
    // java.util.Random is safe to share between threads.
    this.random = random.getIfAvailable(Random::new);
  }

  @Override
  @Transactional(readOnly = true)
  public ResolvedStateMachine resolveForExecution(String stateMachineArn) {
    MachineArn arn = MachineArn.parse(arns, stateMachineArn, "stateMachineArn");
    StateMachineRow machine =
        machines
            .find(arn.machineArn())
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    if (arn.unqualified()) {
      return new ResolvedStateMachine(
          machine.arn(),
          machine.name(),
          machine.type(),
          machine.roleArn(),
          machine.definition(),
          null,
          null);
    }
    String aliasArn = null;
    String versionArn = arn.qualifiedArn();
    if (arn.alias() != null) {
      AliasRow alias =
          aliases
              .find(arn.qualifiedArn())
              .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
      aliasArn = alias.arn();
      versionArn = Routing.pick(alias.routing(), random).stateMachineVersionArn();
    }
    VersionRow version =
        machines
            .findVersion(versionArn)
            .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
    return new ResolvedStateMachine(
        machine.arn(),
        machine.name(),
        machine.type(),
        version.roleArn(),
        version.definition(),
        version.arn(),
        aliasArn);
  }
}
