package io.stepflow.service.timer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerKeysTest {

  private static final String ARN =
      "arn:aws:states:us-east-1:123456789012:execution:orders:3f1c2a9e-5d1b-4c8e-9a7f-0b6d2e4c1a55";

  @Test
  void shouldNameATimerAfterItsExecutionArnAndId() {
    // given a usual execution ARN

    // when the timer is named
    String name = TimerKeys.name(ARN, 7);

    // then the name shows both, readable by an operator
    assertThat(name).isEqualTo(ARN + "#7");
  }

  @Test
  void shouldHashAnArnTooLongForQuartzColumnsIntoAStableName() {
    // given an ARN far longer than Quartz's 200-character name columns
    String longArn = ARN + ":" + "x".repeat(600);

    // when its timers are named twice
    String first = TimerKeys.name(longArn, 3);
    String again = TimerKeys.name(longArn, 3);

    // then the name fits, is stable, and still tells timers and executions apart
    assertThat(first).hasSizeLessThanOrEqualTo(TimerKeys.MAX_NAME_LENGTH).startsWith("sha256:");
    assertThat(again).isEqualTo(first);
    assertThat(TimerKeys.name(longArn, 4)).isNotEqualTo(first);
    assertThat(TimerKeys.name(longArn + "y", 3)).isNotEqualTo(first);
  }

  @Test
  void shouldKeepJobAndTriggerOfATimerInTheTimersGroup() {
    // given a timer

    // when its Quartz keys are made
    var job = TimerKeys.job(ARN, 1);
    var trigger = TimerKeys.trigger(ARN, 1);

    // then both carry the same name in Stepflow's group
    assertThat(job.getGroup()).isEqualTo(TimerKeys.GROUP);
    assertThat(trigger.getGroup()).isEqualTo(TimerKeys.GROUP);
    assertThat(trigger.getName()).isEqualTo(job.getName());
  }

  @Test
  void shouldChooseThePostgresDelegateOnlyForPostgres() {
    // given the product names JDBC drivers report

    // when a delegate is chosen for each
    // then PostgreSQL gets the one that reads BYTEA, H2 the standard one
    assertThat(QuartzTimerConfiguration.delegateFor("PostgreSQL"))
        .isEqualTo(org.quartz.impl.jdbcjobstore.PostgreSQLDelegate.class);
    assertThat(QuartzTimerConfiguration.delegateFor("H2"))
        .isEqualTo(org.quartz.impl.jdbcjobstore.StdJDBCDelegate.class);
  }

  @Test
  void shouldStoreTimersWithoutTheClusterLockAndFireThemInBatches() {
    // given the default timer settings
    TimerSettings settings =
        new TimerSettings(
            8,
            16,
            java.time.Duration.ofSeconds(15),
            java.time.Duration.ofSeconds(60),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(1));

    // when Quartz's properties are derived from them
    java.util.Properties p =
        QuartzTimerConfiguration.quartzProperties(
            settings, org.quartz.impl.jdbcjobstore.PostgreSQLDelegate.class);

    // then inserting a timer takes no cluster-wide lock, and due timers are taken 16 at a time
    // under the lock, as Quartz requires for batches on a JDBC store
    assertThat(p.getProperty("org.quartz.jobStore.lockOnInsert")).isEqualTo("false");
    assertThat(p.getProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount"))
        .isEqualTo("16");
    assertThat(p.getProperty("org.quartz.jobStore.acquireTriggersWithinLock")).isEqualTo("true");
    assertThat(p.getProperty("org.quartz.jobStore.misfireThreshold")).isEqualTo("60000");
  }
}
