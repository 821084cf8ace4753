package io.stepflow.service.timer;

import io.stepflow.engine.Command;
import io.stepflow.service.execution.CommandInbox;
import java.time.Clock;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A due timer: enqueues {@code FireTimer(timerId)} for its execution in a transaction of its own.
 * Quartz deletes the job once it has run. When the command cannot be stored, it waits {@code
 * stepflow.timers.fire-retry-delay} and runs again, so a due timer is not dropped for a passing
 * database failure.
 *
 * <p>Made by Spring for each firing; the inbox is looked up then, so the scheduler starts even
 * before an inbox exists. The command is due at the service clock's now, the clock the runners
 * compare with (it ticks in milliseconds, so the JDK's finer now could be just ahead of it).
 */
final class FireTimerJob implements Job {

  static final String EXECUTION_ARN = "executionArn";
  static final String TIMER_ID = "timerId";

  private static final Logger log = LoggerFactory.getLogger(FireTimerJob.class);

  private final ObjectProvider<CommandInbox> inbox;
  private final TransactionTemplate transaction;
  private final TimerSettings settings;
  private final Clock clock;

  FireTimerJob(
      ObjectProvider<CommandInbox> inbox,
      PlatformTransactionManager transactionManager,
      TimerSettings settings,
      Clock clock) {
    this.inbox = inbox;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactionManager);
    this.settings = settings;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String executionArn = data.getString(EXECUTION_ARN);
    long timerId = data.getLong(TIMER_ID);
    try {
      transaction.executeWithoutResult(
          status ->
              inbox
                  .getObject()
                  .enqueue(executionArn, new Command.FireTimer(timerId), clock.instant()));
    } catch (RuntimeException e) {
      log.warn(
          "Could not enqueue FireTimer({}) for {}; trying again in {}",
          timerId,
          executionArn,
          settings.fireRetryDelay(),
          e);
      throw retryAfterDelay(e);
    }
  }

  private JobExecutionException retryAfterDelay(RuntimeException cause) {
    try {
      Thread.sleep(settings.fireRetryDelay());
    } catch (InterruptedException interrupted) {
      // The scheduler is shutting down: give up this firing (a clean stop does not recover it).
      Thread.currentThread().interrupt();
      return new JobExecutionException(cause, false);
    }
    return new JobExecutionException(cause, true);
  }
}
