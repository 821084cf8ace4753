package io.stepflow.service.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.Command;
import io.stepflow.engine.TimerService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the timers do on any database; run by one IT class per database. */
abstract class TimerServiceBehaviour {

  @Autowired TimerService timers;
  @Autowired RecordingCommandInbox inbox;
  @Autowired Scheduler scheduler;
  @Autowired PlatformTransactionManager transactionManager;

  static String newExecutionArn() {
    return "arn:aws:states:us-east-1:123456789012:execution:timers:" + UUID.randomUUID();
  }

  @Test
  void shouldEnqueueFireTimerForTheExecutionWhenItsTimerIsDue() {
    // given an execution
    String arn = newExecutionArn();

    // when it sets a timer due now
    timers.schedule(arn, 1, Instant.now());

    // then the inbox receives FireTimer for that timer and execution, once
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(1));
  }

  @Test
  void shouldNeverFireACancelledTimer() throws Exception {
    // given an execution with two timers due shortly
    String arn = newExecutionArn();
    Instant soon = Instant.now().plusMillis(1500);
    timers.schedule(arn, 1, soon);
    timers.schedule(arn, 2, soon);

    // when the first is cancelled before it is due
    timers.cancel(arn, 1);

    // then only the second fires (it is due with the first, so by then the first would have too)
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(2));
    assertThat(scheduler.checkExists(TimerKeys.job(arn, 1))).isFalse();
  }

  @Test
  void shouldNotKeepATimerSetInATransactionThatRolledBack() throws Exception {
    // given an execution whose transition sets a timer a minute ahead
    String arn = newExecutionArn();
    Instant inAMinute = Instant.now().plus(1, ChronoUnit.MINUTES);
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);

    // when that transition rolls back, and a later one sets another timer and commits
    transaction.executeWithoutResult(
        status -> {
          timers.schedule(arn, 1, inAMinute);
          status.setRollbackOnly();
        });
    transaction.executeWithoutResult(status -> timers.schedule(arn, 2, inAMinute));

    // then only the committed timer exists
    assertThat(scheduler.checkExists(TimerKeys.job(arn, 1))).isFalse();
    assertThat(scheduler.checkExists(TimerKeys.job(arn, 2))).isTrue();
    timers.cancel(arn, 2);
  }

  @Test
  void shouldKeepATimerAYearAheadUntilCancelled() throws Exception {
    // given an execution
    String arn = newExecutionArn();
    Instant nextYear = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

    // when it sets a timer a year ahead
    timers.schedule(arn, 9, nextYear);

    // then the timer waits for that instant
    Trigger trigger = scheduler.getTrigger(TimerKeys.trigger(arn, 9));
    assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(nextYear);

    // and when it is cancelled, nothing of it is left
    timers.cancel(arn, 9);
    assertThat(scheduler.checkExists(TimerKeys.job(arn, 9))).isFalse();
    assertThat(scheduler.checkExists(TimerKeys.trigger(arn, 9))).isFalse();
  }

  @Test
  void shouldFireATimerSetAgainOnceAtItsNewTime() {
    // given an execution with a timer a year ahead
    String arn = newExecutionArn();
    timers.schedule(arn, 5, Instant.now().plus(365, ChronoUnit.DAYS));

    // when the same timer is set again, due now
    timers.schedule(arn, 5, Instant.now());

    // then it fires now, once
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(5));
  }

  @Test
  void shouldFireATimerOfAnExecutionWhoseArnIsLongerThanQuartzNames() {
    // given an execution ARN longer than Quartz's 200-character names
    String arn = newExecutionArn() + "-" + "n".repeat(300);

    // when it sets a timer due now
    timers.schedule(arn, 3, Instant.now());

    // then FireTimer arrives for the full ARN
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(3));
  }

  @Test
  void shouldDeliverADueTimerOnceTheInboxAcceptsItAgain() {
    // given an execution, and an inbox that fails once (as a database might)
    String arn = newExecutionArn();
    inbox.failNext(1);

    // when a timer of that execution falls due
    timers.schedule(arn, 4, Instant.now());

    // then FireTimer still arrives, once, on the next attempt
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(4));
  }
}
