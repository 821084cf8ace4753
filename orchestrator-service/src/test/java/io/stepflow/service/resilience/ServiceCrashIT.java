package io.stepflow.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/**
 * The service killed with {@code kill -9} while executions are in flight, then started again on the
 * same PostgreSQL database: what was accepted before the crash finishes after it, exactly once.
 */
class ServiceCrashIT {

  private static final int EXECUTIONS = 50;
  private static final int ANSWERED_BEFORE_CRASH = 30;
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepflow";

  private ServiceFixture fixture;

  @BeforeEach
  void createDatabase() {
    fixture = new ServiceFixture();
  }

  @AfterEach
  void stopEverything() {
    fixture.close();
  }

  @Test
  void shouldFinishEveryAcceptedExecutionExactlyOnceWhenTheServiceIsKilledMidFlight() {
    // given 50 executions of a machine with Pass, Wait, Task (an activity) and Choice states,
    // accepted by a running service
    ServiceProcess before = fixture.start("crash-before");
    SfnClient sfn = fixture.client(before);
    String activity = sfn.createActivity(b -> b.name("crunch")).activityArn();
    String machine =
        sfn.createStateMachine(
                b -> b.name("crunching").roleArn(ROLE).definition(Machines.withActivity(activity)))
            .stateMachineArn();
    Map<String, Integer> numberOf = new LinkedHashMap<>();
    for (int n = 0; n < EXECUTIONS; n++) {
      int number = n;
      String arn =
          sfn.startExecution(
                  b ->
                      b.stateMachineArn(machine)
                          .name("run-" + number)
                          .input("{\"n\":" + number + "}"))
              .executionArn();
      numberOf.put(arn, number);
    }

    // when a worker takes 30 activity tasks and answers them concurrently, and the service is
    // killed with kill -9 while the answers and the transitions they cause are in flight
    List<GetActivityTaskResponse> taken = take(sfn, activity, ANSWERED_BEFORE_CRASH);
    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicInteger acknowledged = new AtomicInteger();
    ExecutorService answering = Executors.newFixedThreadPool(8);
    for (GetActivityTaskResponse task : taken) {
      answering.submit(
          () -> {
            try {
              answer(sfn, task);
              answered.add(task.taskToken());
              acknowledged.incrementAndGet();
            } catch (SdkClientException e) {
              // the service died before it answered: the result may or may not be stored
            }
          });
    }
    awaitAtLeast(acknowledged, ANSWERED_BEFORE_CRASH / 2, Duration.ofSeconds(30));
    before.kill();
    answering.shutdown();
    awaitTermination(answering);

    // and the service is started again on the same database, where the worker sends again the
    // answers it got no reply to and takes the remaining tasks
    ServiceProcess after = fixture.start("crash-after");
    SfnClient again = fixture.client(after);
    long stillRunning =
        numberOf.keySet().stream()
            .filter(
                arn ->
                    again.describeExecution(b -> b.executionArn(arn)).status()
                        == ExecutionStatus.RUNNING)
            .count();
    for (GetActivityTaskResponse task : taken) {
      if (!answered.contains(task.taskToken())) {
        try {
          answer(again, task);
        } catch (TaskDoesNotExistException e) {
          // stored before the crash: the token is spent
        }
      }
    }
    for (GetActivityTaskResponse task : take(again, activity, EXECUTIONS - taken.size())) {
      answer(again, task);
    }

    // then every accepted execution succeeds with its own output and a clean history
    Map<String, DescribeExecutionResponse> ended =
        Executions.awaitAllEnded(again, numberOf.keySet(), Duration.ofSeconds(60), fixture.logs());
    assertThat(stillRunning).as("executions still running after the crash").isPositive();
    assertThat(ended)
        .hasSize(EXECUTIONS)
        .allSatisfy(
            (arn, d) -> {
              assertThat(d.status())
                  .as(arn + " " + d.error() + " " + d.cause())
                  .isEqualTo(ExecutionStatus.SUCCEEDED);
              assertThat(Json.parse(d.output()))
                  .as("output of " + arn)
                  .isEqualTo(Json.parse(Machines.expectedOutput(numberOf.get(arn))));
              Executions.assertCleanHistory(arn, Executions.history(again, arn));
            });
  }

  /** The activity's result for a task's input {@code {"n": n, ...}}: {@code n * 10}. */
  private static void answer(SfnClient sfn, GetActivityTaskResponse task) {
    Object n = ((Map<?, ?>) Json.parse(task.input())).get("n");
    long result = ((Number) n).longValue() * 10;
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output(Long.toString(result)));
  }

  private List<GetActivityTaskResponse> take(SfnClient sfn, String activity, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<GetActivityTaskResponse> tasks = new ArrayList<>();
    while (tasks.size() < count) {
      assertThat(Instant.now())
          .as(
              "time to take "
                  + count
                  + " activity tasks, "
                  + tasks.size()
                  + " taken; "
                  + fixture.logs())
          .isBefore(deadline);
      GetActivityTaskResponse task =
          sfn.getActivityTask(b -> b.activityArn(activity).workerName("crash-test"));
      if (task.taskToken() != null) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  private void awaitAtLeast(AtomicInteger counter, int count, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (counter.get() < count) {
      assertThat(Instant.now())
          .as("time for " + count + " acknowledged answers; " + fixture.logs())
          .isBefore(deadline);
      ServiceProcess.sleep(Duration.ofMillis(5));
    }
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      assertThat(executor.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS))
          .as("answers in flight at the crash give up")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
