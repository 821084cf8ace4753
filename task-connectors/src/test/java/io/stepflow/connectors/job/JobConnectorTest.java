package io.stepflow.connectors.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** job:run.sync against a local job API that the test scripts. */
class JobConnectorTest {

  private static final ResourceArn RESOURCE = ResourceArn.parse("arn:aws:states:::job:run.sync");

  private HttpServer api;
  private JobConnector connector;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private volatile List<String> statuses = List.of("RUNNING", "RUNNING", "SUCCEEDED");
  private volatile int statusCode = 200;

  @BeforeEach
  void startApi() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    api.createContext(
        "/jobs",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String method = exchange.getRequestMethod();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
          if (method.equals("POST") && path.equals("/jobs")) {
            answer(exchange, 202, "{\"id\":\"job 7\",\"accepted\":" + body + "}");
          } else if (method.equals("GET")) {
            int n = polls.getAndIncrement();
            String status = statuses.get(Math.min(n, statuses.size() - 1));
            answer(exchange, statusCode, "{\"id\":\"job 7\",\"status\":\"" + status + "\"}");
          } else if (method.equals("DELETE")) {
            cancelled.countDown();
            answer(exchange, 204, "");
          } else {
            answer(exchange, 405, "");
          }
        });
    api.start();
    connector =
        new JobConnector(
            JobSettings.defaults()
                .withAllowedHosts(List.of("127.0.0.1"))
                .withPollUnit(Duration.ofMillis(10)));
  }

  @AfterEach
  void stopApi() {
    connector.close();
    api.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    JobApi.answer(exchange, status, body);
  }

  private String base() {
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  private Object parameters(String host) {
    return Json.parse(
        """
        {"Submit": {"ApiEndpoint": "%1$s/jobs", "RequestBody": {"size": 3}},
         "JobIdPath": "$.id",
         "Status": {"ApiEndpoint": "%1$s/jobs/{jobId}"},
         "Poll": {"IntervalSeconds": 1, "BackoffRate": 2.0, "MaxIntervalSeconds": 4},
         "SuccessCondition": "$[?(@.status == 'SUCCEEDED')]",
         "FailureCondition": "$[?(@.status == 'FAILED')]",
         "Cancel": {"ApiEndpoint": "%1$s/jobs/{jobId}"}}
        """
            .formatted(host));
  }

  private static ConnectorTask task(Object parameters) {
    return new ConnectorTask("arn:exec", 1, RESOURCE, parameters, null, null, null);
  }

  /** The outcome a connector reported: output, or error and cause. */
  private record Outcome(Object output, String error, String cause) {}

  private static final class Recorder implements ConnectorCallback {
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    final CompletableFuture<Object> submitted = new CompletableFuture<>();
    final AtomicInteger beats = new AtomicInteger();

    @Override
    public void heartbeat() {
      beats.incrementAndGet();
    }

    @Override
    public void submitted(Object output) {
      submitted.complete(output);
    }

    @Override
    public void succeeded(Object output) {
      outcome.complete(new Outcome(output, null, null));
    }

    @Override
    public void failed(String error, String cause) {
      outcome.complete(new Outcome(null, error, cause));
    }

    Outcome await() throws Exception {
      return outcome.get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldServeOnlyJobRunSync() {
    // given the job resource with and without .sync
    ResourceArn plain = ResourceArn.parse("arn:aws:states:::job:run");

    // when / then only RUN_JOB is served
    assertThat(connector.patterns(RESOURCE)).containsExactly(IntegrationPattern.RUN_JOB);
    assertThat(connector.patterns(plain)).containsExactly(IntegrationPattern.RUN_JOB);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::http:invoke"))).isEmpty();
  }

  @Test
  void shouldFailWithoutQuotingTheValueWhenAHeaderCannotBeSent() throws Exception {
    // given a submit whose header value holds a line break, as a secret read from a file may
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) parameters(base());
    @SuppressWarnings("unchecked")
    Map<String, Object> submit = (Map<String, Object>) parameters.get("Submit");
    submit.put("Headers", Map.of("X-Api-Key", "s3cr3t\n"));
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters), callback);
    Outcome outcome = callback.await();

    // then it fails at once, naming the header but not its value, and nothing was sent
    assertThat(outcome.error()).isEqualTo("States.Runtime");
    assertThat(outcome.cause()).contains("cannot be sent").contains("X-Api-Key");
    assertThat(outcome.cause()).doesNotContain("s3cr3t");
    assertThat(requests).isEmpty();
  }

  @Test
  void shouldSucceedWithTheFinalStatusWhenTheJobSucceedsAfterRunningTwice() throws Exception {
    // given a job that is RUNNING twice, then SUCCEEDED
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters(base())), callback);
    Outcome outcome = callback.await();

    // then the submit answer was reported as submitted before the outcome
    assertThat(callback.submitted.getNow(null))
        .isEqualTo(Map.of("id", "job 7", "accepted", Map.of("size", 3)));
    // and its result is the last status answer, after one submit and three polls of the job's URL
    assertThat(outcome.error()).isNull();
    assertThat(outcome.output()).isEqualTo(Map.of("id", "job 7", "status", "SUCCEEDED"));
    assertThat(requests)
        .containsExactly(
            "POST /jobs {\"size\":3}", "GET /jobs/job 7", "GET /jobs/job 7", "GET /jobs/job 7");
  }

  @Test
  void shouldReportTheJobAliveAtEachPollWhileItRunsWhenTheTaskHasHeartbeatSeconds()
      throws Exception {
    // given a job that is RUNNING twice, then SUCCEEDED, for a Task with HeartbeatSeconds
    Recorder callback = new Recorder();
    ConnectorTask task =
        new ConnectorTask(
            "arn:exec", 1, RESOURCE, parameters(base()), null, null, Duration.ofSeconds(30));

    // when the task runs
    connector.start(task, callback);
    Outcome outcome = callback.await();

    // then each poll that found it running was a heartbeat, and the last one its result
    assertThat(outcome.output()).isEqualTo(Map.of("id", "job 7", "status", "SUCCEEDED"));
    assertThat(callback.beats).hasValue(2);
  }

  @Test
  void shouldPollAtLeastTwicePerHeartbeatWhenThePollIntervalIsLonger() throws Exception {
    // given a job polled every 1,000 units (10 s here) for a Task whose HeartbeatSeconds is 0.2 s
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) parameters(base());
    parameters.put(
        "Poll", Map.of("IntervalSeconds", 1000, "BackoffRate", 1.0, "MaxIntervalSeconds", 1000));
    Recorder callback = new Recorder();
    ConnectorTask task =
        new ConnectorTask("arn:exec", 1, RESOURCE, parameters, null, null, Duration.ofMillis(200));

    // when the task runs
    connector.start(task, callback);
    Outcome outcome = callback.await();

    // then the polls came every 0.1 s, each a heartbeat, so the job ended well within the wait
    assertThat(outcome.error()).isNull();
    assertThat(callback.beats).hasValue(2);
  }

  @Test
  void shouldSendNoHeartbeatsWhenTheTaskHasNoHeartbeatSeconds() throws Exception {
    // given the same job, for a Task without HeartbeatSeconds
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters(base())), callback);
    callback.await();

    // then nothing was reported between the submission and the result
    assertThat(callback.beats).hasValue(0);
  }

  @Test
  void shouldFailWithJobFailedAndTheStatusAsCauseWhenTheFailureConditionHolds() throws Exception {
    // given a job that runs once, then FAILED
    statuses = List.of("RUNNING", "FAILED");
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters(base())), callback);
    Outcome outcome = callback.await();

    // then it fails with Job.Failed and the status answer as cause
    assertThat(outcome.error()).isEqualTo("Job.Failed");
    assertThat(Json.parse(outcome.cause())).isEqualTo(Map.of("id", "job 7", "status", "FAILED"));
  }

  @Test
  void shouldFailAndCancelTheJobWhenTheStatusEndpointAnswers500() throws Exception {
    // given a status endpoint that answers 500
    statusCode = 500;
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters(base())), callback);
    Outcome outcome = callback.await();

    // then it fails with the HTTP connector's error name and the answer as cause, and the job,
    // which may still run, is cancelled so that a Retry does not run a second one beside it
    assertThat(outcome.error()).isEqualTo("States.Http.StatusCode.500");
    assertThat(outcome.cause()).contains("\"StatusCode\":500");
    assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(requests).contains("DELETE /jobs/job 7");
  }

  @Test
  void shouldCallTheCancelEndpointWhenTheTaskIsCancelled() throws Exception {
    // given a job that keeps running
    statuses = List.of("RUNNING");
    Recorder callback = new Recorder();
    ConnectorTask task = task(parameters(base()));
    connector.start(task, callback);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (polls.get() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    // when the task is cancelled
    connector.cancel(task);

    // then the job's cancel endpoint is called, polling stops and nothing is reported
    assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(requests).contains("DELETE /jobs/job 7");
    int pollsAtCancel = polls.get();
    Thread.sleep(100);
    assertThat(polls.get()).isLessThanOrEqualTo(pollsAtCancel + 1);
    assertThat(callback.outcome).isNotDone();
  }

  @Test
  void shouldFailWithStatesPermissionsForAHostOutsideTheAllowList() throws Exception {
    // given a submit endpoint on localhost, which the allow-list (127.0.0.1) does not name
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(parameters("http://localhost:" + api.getAddress().getPort())), callback);
    Outcome outcome = callback.await();

    // then it fails with States.Permissions and nothing was sent
    assertThat(outcome.error()).isEqualTo("States.Permissions");
    assertThat(outcome.cause()).contains("localhost");
    assertThat(requests).isEmpty();
  }

  @Test
  void shouldFailWithStatesRuntimeWhenTheSuccessConditionIsMissing() throws Exception {
    // given parameters without SuccessCondition
    @SuppressWarnings("unchecked")
    Map<String, Object> p = new java.util.LinkedHashMap<>((Map<String, Object>) parameters(base()));
    p.remove("SuccessCondition");
    Recorder callback = new Recorder();

    // when the task runs
    connector.start(task(p), callback);

    // then it fails with States.Runtime naming the parameter
    Outcome outcome = callback.await();
    assertThat(outcome.error()).isEqualTo("States.Runtime");
    assertThat(outcome.cause()).contains("SuccessCondition");
  }

  @Test
  void shouldHoldAConditionOnANonEmptyFilterResultOrATrueValueOnly() {
    // given a status answer
    Object status = Map.of("status", "DONE", "ok", false);

    // when / then a filter holds when it matches, a path when it selects a value but false
    assertThat(JobConnector.holds("$[?(@.status == 'DONE')]", status)).isTrue();
    assertThat(JobConnector.holds("$[?(@.status == 'FAILED')]", status)).isFalse();
    assertThat(JobConnector.holds("$.status", status)).isTrue();
    assertThat(JobConnector.holds("$.ok", status)).isFalse();
    assertThat(JobConnector.holds("$.missing", status)).isFalse();
  }
}
