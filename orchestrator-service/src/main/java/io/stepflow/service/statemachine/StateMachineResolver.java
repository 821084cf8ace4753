package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog StartExecution reads: the current revision, a version, or a version drawn by an
 * alias's weights, through {@link StateMachineCache}. Randomness comes from a {@link
 * RandomGenerator} bean when there is one.
 */
@Service
class StateMachineResolver implements StateMachineCatalog {

  private final StateMachineRepository machines;
  private final AliasRepository aliases;
  private final Arns arns;
  private final RandomGenerator random;
  private final StateMachineCache cache;

  StateMachineResolver(
      StateMachineRepository machines,
      AliasRepository aliases,
      Arns arns,
      ObjectProvider<RandomGenerator> random,
      StateMachineCache cache) {
    this.cache = cache;
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
        cache
            .get(arn.machineArn(), () -> machines.find(arn.machineArn()))
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
          cache
              .get(arn.qualifiedArn(), () -> aliases.find(arn.qualifiedArn()))
              .orElseThrow(() -> Errors.stateMachineDoesNotExist(stateMachineArn));
      aliasArn = alias.arn();
      versionArn = Routing.pick(alias.routing(), random).stateMachineVersionArn();
    }
    String chosen = versionArn;
    VersionRow version =
        cache
            .get(chosen, () -> machines.findVersion(chosen))
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
