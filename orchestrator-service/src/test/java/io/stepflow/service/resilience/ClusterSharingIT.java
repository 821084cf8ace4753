package io.stepflow.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Two service processes on one PostgreSQL database, as a cluster: work one instance accepted and
 * whose timers its Quartz scheduler holds is finished by the other when the first dies.
 */
class ClusterSharingIT {

  private static final int EXECUTIONS = 40;
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
  void shouldFinishEverythingOnTheSurvivorWhenOneOfTwoInstancesIsKilledMidRun() {
    // given two instances on one database, and 40 executions accepted by the first, each waiting
    // 3 s in a Wait state whose timer is stored in the shared Quartz tables
    CompletableFuture<ServiceProcess> startingB =
        CompletableFuture.supplyAsync(() -> fixture.start("cluster-b"));
    ServiceProcess a = fixture.start("cluster-a");
    ServiceProcess b = startingB.join();
    SfnClient viaA = fixture.client(a);
    SfnClient viaB = fixture.client(b);
    String machine =
        viaA.createStateMachine(
                r -> r.name("shared").roleArn(ROLE).definition(Machines.withoutActivity(3)))
            .stateMachineArn();
    Map<String, Integer> numberOf = new LinkedHashMap<>();
    for (int n = 0; n < EXECUTIONS; n++) {
      int number = n;
      numberOf.put(
          viaA.startExecution(
                  r ->
                      r.stateMachineArn(machine)
                          .name("shared-" + number)
                          .input("{\"n\":" + number + "}"))
              .executionArn(),
          number);
    }
    awaitRows(
        "SELECT count(*) FROM history_event WHERE type = 'WaitStateEntered'",
        EXECUTIONS,
        true,
        Duration.ofSeconds(30));
    long timersAtKill = fixture.countRows("SELECT count(*) FROM qrtz_triggers");

    // when the first instance is killed with kill -9 before the timers are due
    ServiceProcess.sleep(Duration.ofMillis(1500));
    long runningAtKill =
        fixture.countRows("SELECT count(*) FROM execution WHERE status = 'RUNNING'");
    a.kill();

    // then the second instance fires the timers and applies every remaining command: all
    // executions succeed with their own output, each history clean, no timer left behind
    Map<String, DescribeExecutionResponse> ended =
        Executions.awaitAllEnded(viaB, numberOf.keySet(), Duration.ofSeconds(60), fixture.logs());
    assertThat(runningAtKill).as("executions running when the first instance died").isPositive();
    assertThat(timersAtKill).as("timers set when the first instance died").isPositive();
    assertThat(ended)
        .hasSize(EXECUTIONS)
        .allSatisfy(
            (arn, d) -> {
              assertThat(d.status())
                  .as(arn + " " + d.error() + " " + d.cause())
                  .isEqualTo(ExecutionStatus.SUCCEEDED);
              int n = numberOf.get(arn);
              assertThat(Json.parse(d.output()))
                  .as("output of " + arn)
                  .isEqualTo(Json.parse(Machines.expectedOutput(n, n + 1000)));
              Executions.assertCleanHistory(arn, Executions.history(viaB, arn));
            });
    awaitRows("SELECT count(*) FROM qrtz_triggers", 0, false, Duration.ofSeconds(10));
    assertThat(fixture.countRows("SELECT count(*) FROM execution_command"))
        .as("commands left")
        .isZero();
  }

  /** Polls the count {@code sql} returns until it is {@code expected} (or more, when allowed). */
  private void awaitRows(String sql, long expected, boolean orMore, Duration within) {
    Instant deadline = Instant.now().plus(within);
    long rows;
    while ((rows = fixture.countRows(sql)) != expected && !(orMore && rows > expected)) {
      assertThat(Instant.now())
          .as("time until " + sql + " is " + expected + " (now " + rows + "); " + fixture.logs())
          .isBefore(deadline);
      ServiceProcess.sleep(Duration.ofMillis(100));
    }
  }
}
