package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;

/**
 * A state machine ARN read apart: {@code <machine>}, {@code <machine>:<version>} or {@code
 * <machine>:<alias>}.
 *
 * @param machineArn the unqualified ARN
 * @param name the state machine's name
 * @param version the version number, or null
 * @param alias the alias name, or null
 */
record MachineArn(String machineArn, String name, Integer version, String alias) {

  static MachineArn parse(Arns arns, String arn, String field) {
    String name = arns.stateMachineName(arn);
    if (!Names.isMachineName(name)) {
      throw Errors.invalidArn(field, "a state machine, version or alias ARN", arn);
    }
    String machineArn = arns.stateMachine(name);
    String rest = arn.substring(machineArn.length());
    if (rest.isEmpty()) {
      return new MachineArn(machineArn, name, null, null);
    }
    String qualifier = rest.substring(1);
    if (qualifier.matches("[1-9][0-9]{0,8}")) {
      return new MachineArn(machineArn, name, Integer.valueOf(qualifier), null);
    }
    if (Names.isAliasName(qualifier)) {
      return new MachineArn(machineArn, name, null, qualifier);
    }
    throw Errors.invalidArn(field, "a state machine, version or alias ARN", arn);
  }

  boolean unqualified() {
    return version == null && alias == null;
  }

  String qualifiedArn() {
    if (version != null) {
      return machineArn + ":" + version;
    }
    return alias != null ? machineArn + ":" + alias : machineArn;
  }

  /** Throws ValidationException unless this is the unqualified ARN. */
  MachineArn requireUnqualified(String field, String action) {
    if (!unqualified()) {
      throw Errors.validation(
          "Expected "
              + field
              + " to be an unqualified state machine ARN for "
              + action
              + ", but found the "
              + (version != null ? "version" : "alias")
              + " ARN '"
              + qualifiedArn()
              + "'");
    }
    return this;
  }
}
