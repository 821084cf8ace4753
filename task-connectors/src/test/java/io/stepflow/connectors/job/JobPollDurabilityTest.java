package io.stepflow.connectors.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.engine.memory.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Job polls outlive the instance that holds them: they are stored before start returns, another
 * instance takes them over once their lease runs out, and a cancel reaches the job from any
 * instance. Two connectors on one in-memory store stand for two instances on one database.
 */
class JobPollDurabilityTest {

  private static final ResourceArn RESOURCE = ResourceArn.parse("arn:aws:states:::job:run.sync");
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryJobPolls store = new InMemoryJobPolls();
  private JobApi api;
  private JobConnector first;
  private JobConnector second;
  private final JobApi.Recorder takenOver = new JobApi.Recorder();

  @BeforeEach
  void start() throws Exception {
    api = new JobApi("RUNNING", "SUCCEEDED");
    JobSettings settings =
        JobSettings.defaults()
            .withAllowedHosts(List.of("127.0.0.1"))
            .withPollUnit(Duration.ofMillis(10))
            .withLease(LEASE, Duration.ZERO);
    first = new JobConnector(settings, store, clock, new JobApi.Recorder());
    second = new JobConnector(settings, store, clock, takenOver);
  }

  @AfterEach
  void stop() {
    second.close();
    first.close();
    api.close();
  }

  private Map<String, Object> parameters() {
    @SuppressWarnings("unchecked")
    Map<String, Object> p =
        (Map<String, Object>)
            Json.parse(
                """
                {"Submit": {"ApiEndpoint": "%1$s/jobs", "RequestBody": {"size": 3}},
                 "JobIdPath": "$.jobId",
                 "Status": {"ApiEndpoint": "%1$s/jobs/{jobId}"},
                 "Poll": {"IntervalSeconds": 1},
                 "SuccessCondition": "$[?(@.status == 'SUCCEEDED')]",
                 "FailureCondition": "$[?(@.status == 'FAILED')]",
                 "Cancel": {"ApiEndpoint": "%1$s/jobs/{jobId}"}}
                """
                    .formatted(api.base()));
    return p;
  }

  private ConnectorTask task() {
    return new ConnectorTask("arn:exec", 1, RESOURCE, parameters(), null, null, null);
  }

  /** A poll left by an instance that died holding it, its claim good until now + LEASE. */
  private void abandoned(JobPoll.Phase phase, String jobId) {
    Instant now = clock.instant();
    store.save(
        new JobPoll(
            "arn:exec",
            1,
            Map.of("Job", parameters()),
            phase,
            jobId,
            0,
            now,
            "dead-instance",
            now.plus(LEASE)));
  }

  @Test
  void shouldHaveStoredThePollWhenStartReturns() throws Exception {
    // given a job that keeps running
    api.statuses = List.of("RUNNING");

    // when the task starts
    first.start(task(), new JobApi.Recorder());

    // then its poll is stored at once, and once submitted it names the job and its next poll
    assertThat(store.all()).hasSize(1);
    api.firstPoll.get(10, TimeUnit.SECONDS);
    JobPoll stored = store.all().getFirst();
    assertThat(stored.taskKey()).isEqualTo("arn:exec#1");
    assertThat(stored.phase()).isEqualTo(JobPoll.Phase.POLL);
    assertThat(stored.jobId()).isEqualTo("job-1");
    assertThat(stored.claimedUntil()).isAfter(clock.instant().plus(LEASE.minusSeconds(1)));
  }

  @Test
  void shouldFinishAPollAbandonedByADeadInstanceOnceItsLeaseRunsOut() throws Exception {
    // given a submitted job whose instance died while holding its poll
    abandoned(JobPoll.Phase.POLL, "job-7");

    // when another instance sweeps before and after the lease ran out
    int beforeLease = second.pollDue();
    clock.advance(LEASE.plusSeconds(1));
    int afterLease = second.pollDue();

    // then it takes the poll only after the lease, polls the same job to its end and reports once
    assertThat(beforeLease).isZero();
    assertThat(afterLease).isEqualTo(1);
    JobApi.Outcome outcome = takenOver.await();
    assertThat(outcome.error()).isNull();
    assertThat(outcome.output())
        .isEqualTo(Map.of("jobId", "job-7", "status", "SUCCEEDED", "createdAt", 1700000000000L));
    assertThat(api.requests).containsExactly("GET /jobs/job-7", "GET /jobs/job-7");
    assertThat(store.all()).isEmpty();
    assertThat(takenOver.reports.get()).isEqualTo(1);
  }

  @Test
  void shouldSubmitAgainWhenTheDeadInstanceNeverRecordedTheSubmitAnswer() throws Exception {
    // given a task whose instance died between storing its poll and recording the submit answer
    abandoned(JobPoll.Phase.SUBMIT, null);

    // when another instance takes it over after the lease
    clock.advance(LEASE.plusSeconds(1));
    second.pollDue();

    // then it submits the job (again: at least once), reports the submit answer where taken-over
    // tasks report, and polls the job to its end
    JobApi.Outcome outcome = takenOver.await();
    assertThat(outcome.error()).isNull();
    assertThat(((Map<?, ?>) takenOver.submitted.getNow(null)).get("jobId")).isEqualTo("job-1");
    assertThat(api.requests.getFirst()).isEqualTo("POST /jobs {\"size\":3}");
    assertThat(api.requests).contains("GET /jobs/job-1");
  }

  @Test
  void shouldCallTheCancelEndpointWhenAnotherInstanceCancelsTheTask() throws Exception {
    // given a job polled by the first instance
    api.statuses = List.of("RUNNING");
    JobApi.Recorder callback = new JobApi.Recorder();
    first.start(task(), callback);
    api.firstPoll.get(10, TimeUnit.SECONDS);

    // when the second instance learns that the task is cancelled
    second.cancel(task());

    // then the job's cancel endpoint is called, the poll is gone and nothing is reported
    api.cancelled.get(10, TimeUnit.SECONDS);
    assertThat(api.requests).contains("DELETE /jobs/job-1");
    assertThat(store.all()).isEmpty();
    assertThat(callback.outcome).isNotDone();
  }

  @Test
  void shouldSubmitOnceWhenTheTaskIsHandedOverTwice() throws Exception {
    // given a task whose hand-over is repeated (the outbox sends at least once)
    JobApi.Recorder callback = new JobApi.Recorder();
    first.start(task(), callback);

    // when it arrives again on the other instance
    second.start(task(), new JobApi.Recorder());

    // then one job is submitted, and the first instance reports it
    assertThat(callback.await().error()).isNull();
    assertThat(api.requests.stream().filter(r -> r.startsWith("POST"))).hasSize(1);
  }

  @Test
  void shouldRefuseAStaleClaimOnceAnotherInstanceTookThePollOver() {
    // given a poll claimed by one instance whose lease ran out, then claimed by another
    abandoned(JobPoll.Phase.POLL, "job-7");
    JobPoll stale = store.all().getFirst();
    clock.advance(LEASE.plusSeconds(1));
    JobPoll taken = store.claimDue(clock.instant(), clock.instant().plus(LEASE), 10).getFirst();

    // when the first instance tries to finish or move it on
    boolean[] reported = {false};
    boolean finished = store.finish(stale, () -> reported[0] = true);
    boolean updated = store.update(stale);

    // then neither happens: only the new claim may report, once
    assertThat(finished).isFalse();
    assertThat(updated).isFalse();
    assertThat(reported[0]).isFalse();
    assertThat(store.finish(taken, () -> reported[0] = true)).isTrue();
    assertThat(reported[0]).isTrue();
    assertThat(store.finish(taken, () -> {})).isFalse();
  }
}
