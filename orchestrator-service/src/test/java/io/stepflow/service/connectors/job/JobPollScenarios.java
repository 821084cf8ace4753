package io.stepflow.service.connectors.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepflow.asl.json.Json;
import io.stepflow.connectors.job.JobConnector;
import io.stepflow.connectors.job.JobPoll;
import io.stepflow.connectors.job.JobPolls;
import io.stepflow.connectors.job.JobSettings;
import io.stepflow.engine.TaskDispatcher;
import io.stepflow.engine.memory.MutableClock;
import io.stepflow.service.testsupport.SfnClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Job polls in the database outlive the runner that holds them: a poll claimed by one runner that
 * then dies is claimed by another once its lease runs out, and finished there, once. Runners are
 * job connectors on the service's store; the service's own connector stands for a surviving
 * instance. Subclasses choose the database.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stepflow.connectors.job.allowed-hosts=127.0.0.1",
      "stepflow.connectors.job.poll-unit=10ms",
      "stepflow.connectors.job.lease=1s",
      "stepflow.connectors.job.sweep-interval=100ms"
    })
abstract class JobPollScenarios {

  private static final Logger log = LoggerFactory.getLogger(JobPollScenarios.class);
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepflow";
  private static final Duration LEASE = Duration.ofMinutes(2);

  /** Runners' time, far ahead of the service's, so that the service never finds their polls due. */
  private final MutableClock clock = new MutableClock(Instant.parse("2100-01-01T00:00:00Z"));

  static HttpServer api;

  /** Job ids whose status stays RUNNING; any other job is RUNNING once, then SUCCEEDED. */
  static final Set<String> held = ConcurrentHashMap.newKeySet();

  static final Map<String, AtomicInteger> pollsByJob = new ConcurrentHashMap<>();
  static final Map<String, CompletableFuture<Void>> polledJobs = new ConcurrentHashMap<>();
  static final AtomicInteger submitted = new AtomicInteger();
  static final Set<String> cancelledJobs = ConcurrentHashMap.newKeySet();

  @LocalServerPort int port;
  @Autowired JobPolls polls;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = java.nio.file.Files.createTempDirectory("stepflow-job-polls");
    registry.add("stepflow.data-dir", dataDir::toString);
  }

  @BeforeAll
  static void startApi() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    api.createContext("/jobs", JobPollScenarios::handle);
    api.start();
  }

  @AfterAll
  static void stopApi() {
    api.stop(0);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (exchange.getRequestMethod().equals("POST")) {
      answer(exchange, "{\"id\":\"j" + submitted.incrementAndGet() + "\"}");
      return;
    }
    String id = exchange.getRequestURI().getPath().substring("/jobs/".length());
    if (exchange.getRequestMethod().equals("DELETE")) {
      cancelledJobs.add(id);
      answer(exchange, "{}");
      return;
    }
    int n = pollsByJob.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    String status = held.contains(id) || n < 2 ? "RUNNING" : "SUCCEEDED";
    answer(exchange, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
    polledJobs.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String base() {
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  private static Map<String, Object> job() {
    @SuppressWarnings("unchecked")
    Map<String, Object> job =
        (Map<String, Object>)
            Json.parse(
                """
                {"Submit": {"ApiEndpoint": "%1$s/jobs", "RequestBody": {"file": "a.csv"}},
                 "JobIdPath": "$.id",
                 "Status": {"ApiEndpoint": "%1$s/jobs/{jobId}"},
                 "Poll": {"IntervalSeconds": 1},
                 "SuccessCondition": "$[?(@.status == 'SUCCEEDED')]",
                 "FailureCondition": "$[?(@.status == 'FAILED')]",
                 "Cancel": {"ApiEndpoint": "%1$s/jobs/{jobId}"}}
                """
                    .formatted(base()));
    return job;
  }

  private JobConnector runner(TaskDispatcher.TaskOutcomes outcomes) {
    JobSettings settings =
        JobSettings.defaults()
            .withAllowedHosts(List.of("127.0.0.1"))
            .withPollUnit(Duration.ofMillis(10))
            .withLease(LEASE, Duration.ZERO);
    return new JobConnector(settings, polls, clock, outcomes);
  }

  /** A submitted job's poll, due now on the runners' clock, held by nobody yet. */
  private String duePoll(String jobId) {
    String execution =
        "arn:aws:states:us-east-1:123456789012:execution:runners:" + UUID.randomUUID();
    Instant now = clock.instant();
    polls.save(
        new JobPoll(
            execution,
            1,
            Map.of("Job", job()),
            JobPoll.Phase.POLL,
            jobId,
            0,
            now,
            "nobody",
            now.minusSeconds(1)));
    return execution;
  }

  @Test
  void shouldFinishAPollAbandonedByOneRunnerOnAnotherOnceTheLeaseRunsOut() throws Exception {
    // given a poll that runner A claimed before it died
    String execution = duePoll("j-abandoned");
    Recorded outcomes = new Recorded();
    List<JobPoll> claimedByA = polls.claimDue(clock.instant(), clock.instant().plus(LEASE), 100);
    assertThat(claimedByA).extracting(JobPoll::executionArn).contains(execution);

    try (JobConnector runnerB = runner(outcomes)) {
      // when runner B sweeps while A's lease holds, and again once it ran out
      int whileLeased = runnerB.pollDue();
      clock.advance(LEASE.plusSeconds(1));
      int afterLease = runnerB.pollDue();

      // then B takes the poll only after the lease, polls the job to its end and reports it once
      assertThat(whileLeased).isZero();
      assertThat(afterLease).isEqualTo(1);
      Object output = outcomes.succeeded.get(10, TimeUnit.SECONDS);
      assertThat(output).isEqualTo(Map.of("id", "j-abandoned", "status", "SUCCEEDED"));
      awaitTrue(() -> rows(execution) == 0); // reported in the transaction that deletes it
      assertThat(outcomes.reports.get()).isEqualTo(1);
      assertThat(polls.finish(claimedByA.getFirst(), () -> outcomes.reports.incrementAndGet()))
          .isFalse();
    }
  }

  @Test
  void shouldNeverHandOnePollToTwoRunnersClaimingAtOnce() throws Exception {
    // given many due polls
    Set<String> executions = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      executions.add(duePoll("j-many-" + i));
    }

    // when two runners claim five at a time, at once, until none is left
    Instant now = clock.instant();
    CompletableFuture<List<String>> a = CompletableFuture.supplyAsync(() -> claimAll(now));
    CompletableFuture<List<String>> b = CompletableFuture.supplyAsync(() -> claimAll(now));
    List<String> byA = a.get(30, TimeUnit.SECONDS);
    List<String> byB = b.get(30, TimeUnit.SECONDS);

    // then each poll went to exactly one of them
    List<String> all = new ArrayList<>(byA);
    all.addAll(byB);
    assertThat(all).doesNotHaveDuplicates().containsAll(executions);
    jdbc.sql("DELETE FROM job_poll WHERE execution_arn LIKE '%:runners:%'").update();
  }

  private List<String> claimAll(Instant now) {
    List<String> claimed = new ArrayList<>();
    List<JobPoll> batch;
    do {
      batch = polls.claimDue(now, now.plus(LEASE), 5);
      batch.forEach(p -> claimed.add(p.executionArn()));
    } while (!batch.isEmpty());
    return claimed;
  }

  @Test
  void shouldSucceedTheExecutionOnceWhenItsPollIsTakenOverAfterItsRunnerDied() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given an execution whose job is being polled, and the next job id held RUNNING
      String jobId = "j" + (submitted.get() + 1);
      held.add(jobId);
      String execution = startJob(sfn, "job-takeover");
      awaitTrue(() -> polledJobs.containsKey(jobId) && rows(execution) == 1);

      // when the runner holding its poll dies (its claim now belongs to no live runner) and the
      // job then succeeds
      jdbc.sql("UPDATE job_poll SET claim = 'dead-runner' WHERE execution_arn = ?")
          .param(execution)
          .update();
      held.remove(jobId);

      // then after the lease another runner polls the job and the execution succeeds, once
      DescribeExecutionResponse done = awaitEnd(sfn, execution);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.output())).isEqualTo(Map.of("id", jobId, "status", "SUCCEEDED"));
      List<String> types =
          sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .map(HistoryEvent::typeAsString)
              .toList();
      assertThat(types.stream().filter("TaskSucceeded"::equals)).hasSize(1);
      assertThat(rows(execution)).isZero();
    }
  }

  @Test
  void shouldCancelTheJobAndForgetItsPollWhenTheExecutionIsStopped() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given an execution whose job keeps running
      String jobId = "j" + (submitted.get() + 1);
      held.add(jobId);
      String execution = startJob(sfn, "job-stop");
      awaitTrue(() -> polledJobs.containsKey(jobId));

      // when the execution is stopped
      sfn.stopExecution(b -> b.executionArn(execution).error("Stopped").cause("by the test"));

      // then the job's cancel endpoint is called and its poll is gone
      awaitTrue(() -> cancelledJobs.contains(jobId) && rows(execution) == 0);
      assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
          .isEqualTo(ExecutionStatus.ABORTED);
      held.remove(jobId);
    }
  }

  @Test
  void shouldMeasureJobTasksPerSecond() {
    // given a one-state job machine whose jobs run for one poll, then succeed
    int executions = 200;
    try (SfnClient sfn = SfnClients.local(port)) {
      String machine = machine(sfn, "job-throughput");

      // when many executions run at once
      long started = System.nanoTime();
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < executions; i++) {
        arns.add(sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn());
      }
      List<DescribeExecutionResponse> ends = arns.stream().map(a -> awaitEnd(sfn, a)).toList();
      double seconds = (System.nanoTime() - started) / 1e9;

      // then all succeed; the figure is logged, not asserted
      assertThat(ends).allMatch(d -> d.status() == ExecutionStatus.SUCCEEDED);
      log.info(
          "{} job tasks (submit, 2 polls 10 ms apart, outcome) on {}: {} s, {} tasks/s",
          executions,
          getClass().getSimpleName(),
          String.format("%.1f", seconds),
          String.format("%.1f", executions / seconds));
    }
  }

  private String machine(SfnClient sfn, String name) {
    String definition =
        """
        {"StartAt": "Run", "States": {"Run": {"Type": "Task",
          "Resource": "arn:aws:states:::job:run.sync", "Parameters": %s,
          "TimeoutSeconds": 120, "End": true}}}
        """
            .formatted(Json.write(job()));
    return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
        .stateMachineArn();
  }

  private String startJob(SfnClient sfn, String name) {
    String machine = machine(sfn, name);
    return sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
  }

  private int rows(String execution) {
    return jdbc.sql("SELECT COUNT(*) FROM job_poll WHERE execution_arn = ?")
        .param(execution)
        .query(Integer.class)
        .single();
  }

  /** Polls with a bound: the work under test runs on its own threads. */
  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) {
    DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
    awaitTrue(
        () -> {
          last[0] = sfn.describeExecution(b -> b.executionArn(execution));
          return last[0].status() != ExecutionStatus.RUNNING;
        });
    return last[0];
  }

  /** Outcomes reported by a runner that took a task over. */
  private static final class Recorded implements TaskDispatcher.TaskOutcomes {
    final CompletableFuture<Object> succeeded = new CompletableFuture<>();
    final AtomicInteger reports = new AtomicInteger();
    final CompletableFuture<Object> submitted = new CompletableFuture<>();

    @Override
    public void submitted(String executionArn, long taskId, Object output) {
      submitted.complete(output);
    }

    @Override
    public void succeeded(String executionArn, long taskId, Object output) {
      reports.incrementAndGet();
      succeeded.complete(output);
    }

    @Override
    public void failed(String executionArn, long taskId, String error, String cause) {
      reports.incrementAndGet();
      succeeded.completeExceptionally(new AssertionError(error + ": " + cause));
    }
  }
}
