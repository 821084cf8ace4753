package io.stepflow.service.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.service.Arns;
import io.stepflow.service.AwsSettings;
import io.stepflow.service.StepflowException;
import org.junit.jupiter.api.Test;

class StateMachineArnTest {

  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
  private final Arns arns = new Arns(new AwsSettings("us-east-1", "123456789012", null, null));

  @Test
  void shouldReadUnqualifiedVersionAndAliasArns() {
    // given the three forms of a state machine ARN
    // when they are read
    MachineArn plain = MachineArn.parse(arns, MACHINE, "stateMachineArn");
    MachineArn version = MachineArn.parse(arns, MACHINE + ":12", "stateMachineArn");
    MachineArn alias = MachineArn.parse(arns, MACHINE + ":prod", "stateMachineArn");

    // then each names the machine and its qualifier
    assertThat(plain.unqualified()).isTrue();
    assertThat(version.version()).isEqualTo(12);
    assertThat(version.machineArn()).isEqualTo(MACHINE);
    assertThat(alias.alias()).isEqualTo("prod");
    assertThat(alias.qualifiedArn()).isEqualTo(MACHINE + ":prod");
  }

  @Test
  void shouldRejectArnsOfOtherResourcesAndBadQualifiers() {
    // given an activity ARN and a qualifier that is neither a version nor an alias name
    // when read, then InvalidArn is thrown
    assertThatThrownBy(
            () ->
                MachineArn.parse(
                    arns, "arn:aws:states:us-east-1:123456789012:activity:a", "stateMachineArn"))
        .isInstanceOf(StepflowException.class)
        .extracting(e -> ((StepflowException) e).code())
        .isEqualTo("InvalidArn");
    assertThatThrownBy(() -> MachineArn.parse(arns, MACHINE + ":0", "stateMachineArn"))
        .extracting(e -> ((StepflowException) e).code())
        .isEqualTo("InvalidArn");
  }

  @Test
  void shouldAcceptAwsStateMachineNamesAndRejectForbiddenCharacters() {
    // given names at and beyond AWS's rules
    // then only the allowed ones pass
    assertThat(Names.isMachineName("Orders-2024_v1.final")).isTrue();
    assertThat(Names.isMachineName("é-ünïcode")).isTrue();
    assertThat(Names.isMachineName("a".repeat(80))).isTrue();
    assertThat(Names.isMachineName("a".repeat(81))).isFalse();
    assertThat(Names.isMachineName("")).isFalse();
    assertThat(Names.isMachineName("has space")).isFalse();
    assertThat(Names.isMachineName("colon:name")).isFalse();
    assertThat(Names.isMachineName("tab\tname")).isFalse();
    assertThat(Names.isMachineName("brace{")).isFalse();
    assertThatThrownBy(() -> Names.requireMachineName("a/b"))
        .extracting(e -> ((StepflowException) e).code())
        .isEqualTo("InvalidName");
  }

  @Test
  void shouldRejectAliasNamesMadeOnlyOfDigits() {
    // given alias names
    // then a number (which names a version) is rejected
    assertThat(Names.isAliasName("prod")).isTrue();
    assertThat(Names.isAliasName("v2.1")).isTrue();
    assertThat(Names.isAliasName("42")).isFalse();
    assertThat(Names.isAliasName("with space")).isFalse();
  }
}
