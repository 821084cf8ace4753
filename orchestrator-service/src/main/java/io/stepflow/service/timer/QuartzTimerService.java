package io.stepflow.service.timer;

import io.stepflow.engine.TimerService;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's {@link TimerService} on Quartz's clustered JDBC job store: a timer is one job and
 * one trigger, stored in the caller's transaction, so a timer exists exactly when the transition
 * that set it committed. Whichever instance of the cluster finds it due first fires it: {@link
 * FireTimerJob} enqueues {@code FireTimer} for the execution.
 *
 * <p>Called outside a transaction, each call runs in one of its own: Quartz writes a timer as
 * several rows, which the scheduler must never see half written.
 *
 * <p>Setting the same timer again moves it to the new time. Cancelling a timer that does not exist
 * (already fired or never set) does nothing.
 */
@Component
class QuartzTimerService implements TimerService {

  private final Scheduler scheduler;
  private final TransactionTemplate transaction;
  private final Clock clock;

  QuartzTimerService(
      Scheduler scheduler, PlatformTransactionManager transactionManager, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
    // PROPAGATION_REQUIRED: join the caller's transaction, or make one.
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Sets timer {@code timerId} of the execution {@code executionId} (its ARN) to fire at {@code
   * at}; a time in the past fires at once.
   */
  @Override
  public void schedule(String executionId, long timerId, Instant at) {
    JobDetail job =
        JobBuilder.newJob(FireTimerJob.class)
            .withIdentity(TimerKeys.job(executionId, timerId))
            .usingJobData(FireTimerJob.EXECUTION_ARN, executionId)
            .usingJobData(FireTimerJob.TIMER_ID, timerId)
            // If the instance firing it dies midway, another one fires it again: at least once.
            .requestRecovery()
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(TimerKeys.trigger(executionId, timerId))
            .forJob(job)
            // a time in the past is now: Quartz would count it as missed, and missed timers wait
            // for its misfire handler, which looks only once per misfire threshold
            .startAt(Date.from(at.isBefore(clock.instant()) ? clock.instant() : at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    try {
      transaction.executeWithoutResult(status -> store(job, trigger));
    } catch (QuartzFailure e) {
      throw new IllegalStateException(
          "Expected to store timer "
              + timerId
              + " of "
              + executionId
              + " for "
              + at
              + ", but: "
              + e.getMessage(),
          e.getCause());
    }
  }

  @Override
  public void cancel(String executionId, long timerId) {
    TriggerKey key = TimerKeys.trigger(executionId, timerId);
    try {
      transaction.executeWithoutResult(status -> delete(key));
    } catch (QuartzFailure e) {
      throw new IllegalStateException(
          "Expected to cancel timer " + timerId + " of " + executionId + ", but: " + e.getMessage(),
          e.getCause());
    }
  }

  private void store(JobDetail job, Trigger trigger) {
    try {
      // A timer set again replaces the one stored. A replace takes Quartz's cluster-wide
      // TRIGGER_ACCESS lock, held until the caller's transaction commits, so that every transition
      // setting a timer would wait for all the others: a new timer (the usual case, as its key is
      // its execution and event id) is only inserted, which takes no lock (lockOnInsert off).
      if (scheduler.checkExists(job.getKey())) {
        scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
      } else {
        scheduler.scheduleJob(job, trigger);
      }
    } catch (SchedulerException e) {
      throw new QuartzFailure(e);
    }
  }

  /**
   * Removes the timer's trigger, and with it its job (which is not durable), in one step under
   * Quartz's lock. Not {@code deleteJob}: that reads the job's triggers outside the lock first, so
   * a timer that fires at that moment fails the cancel ("Unable to unschedule trigger"). A timer
   * that has fired already is simply not there.
   */
  private void delete(TriggerKey key) {
    try {
      scheduler.unscheduleJob(key);
    } catch (SchedulerException e) {
      throw new QuartzFailure(e);
    }
  }

  /** Carries Quartz's checked exception out of a transaction callback, rolling it back. */
  private static final class QuartzFailure extends RuntimeException {
    QuartzFailure(SchedulerException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
