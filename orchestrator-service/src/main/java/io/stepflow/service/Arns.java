package io.stepflow.service;

import org.springframework.stereotype.Component;

/** Builds and reads ARNs in AWS's shape for the configured region and account. */
@Component
public class Arns {

  private final String prefix;

  public Arns(AwsSettings settings) {
    this.prefix = "arn:aws:states:" + settings.region() + ":" + settings.accountId() + ":";
  }

  public String stateMachine(String name) {
    return prefix + "stateMachine:" + name;
  }

  public String execution(String stateMachineName, String executionName) {
    return prefix + "execution:" + stateMachineName + ":" + executionName;
  }

  public String activity(String name) {
    return prefix + "activity:" + name;
  }

  /** The state machine's name in a state machine, version or alias ARN. */
  public String stateMachineName(String arn) {
    String rest = after(arn, "stateMachine:", "stateMachineArn");
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /** The state machine's name in an execution ARN. */
  public String executionMachineName(String executionArn) {
    String rest = after(executionArn, "execution:", "executionArn");
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw StepflowException.invalid(
          "executionArn",
          "an execution ARN (" + prefix + "execution:<machine>:<name>)",
          executionArn);
    }
    return rest.substring(0, colon);
  }

  private String after(String arn, String kind, String field) {
    if (arn == null || !arn.startsWith(prefix + kind)) {
      throw new StepflowException(
          "InvalidArn",
          StepflowException.Kind.INVALID,
          "Expected " + field + " to start with " + prefix + kind + ", but found '" + arn + "'");
    }
    return arn.substring((prefix + kind).length());
  }
}
