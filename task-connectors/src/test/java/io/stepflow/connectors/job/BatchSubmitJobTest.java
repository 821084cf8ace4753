package io.stepflow.connectors.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** batch:submitJob[.sync] Tasks written for AWS, run by the job API configured for their queue. */
class BatchSubmitJobTest {

  private static final ResourceArn SYNC =
      ResourceArn.parse("arn:aws:states:::batch:submitJob.sync");
  private static final ResourceArn SUBMIT = ResourceArn.parse("arn:aws:states:::batch:submitJob");
  private static final String QUEUE = "arn:aws:batch:us-east-2:123456789012:job-queue/testQueue";
  private static final String DEFINITION =
      "arn:aws:batch:us-east-2:123456789012:job-definition/testJobDefinition";

  private JobApi api;
  private JobConnector connector;

  @BeforeEach
  void start() throws Exception {
    api = new JobApi("RUNNABLE", "RUNNING", "SUCCEEDED");
    BatchQueue queue =
        BatchQueue.at(
                api.base() + "/jobs", api.base() + "/jobs/{jobId}", api.base() + "/jobs/{jobId}")
            .withPolling(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(5));
    connector =
        new JobConnector(
            JobSettings.defaults()
                .withAllowedHosts(List.of()) // Batch queues are the operator's: not checked
                .withPollUnit(Duration.ofMillis(10))
                .withBatchQueues(Map.of("testQueue", queue)));
  }

  @AfterEach
  void stop() {
    connector.close();
    api.close();
  }

  private static ConnectorTask task(ResourceArn resource, String queue) {
    Object parameters =
        Json.parse(
            """
            {"JobDefinition": "%s", "JobName": "testJob", "JobQueue": "%s"}
            """
                .formatted(DEFINITION, queue));
    return new ConnectorTask("arn:exec", 3, resource, parameters, null, null, null);
  }

  @Test
  void shouldStoreNoQueueHeaderWithThePollAndReadTheQueueAgainWhenAPollIsResumed()
      throws Exception {
    // given a queue whose requests carry an API key, and a job that runs a while
    BatchQueue keyed =
        new BatchQueue(
            api.base() + "/jobs",
            api.base() + "/jobs/{jobId}",
            null,
            Map.of("X-Api-Key", "first-key"),
            null,
            null,
            null,
            Duration.ofSeconds(1),
            1.0,
            Duration.ofSeconds(1));
    InMemoryJobPolls polls = new InMemoryJobPolls();
    JobSettings settings =
        JobSettings.defaults()
            .withAllowedHosts(List.of())
            .withPollUnit(Duration.ofMillis(10))
            .withBatchQueues(Map.of("testQueue", keyed));
    connector.close();
    connector = new JobConnector(settings, polls, java.time.Clock.systemUTC(), null);

    // when its task runs
    JobApi.Recorder callback = new JobApi.Recorder();
    connector.start(task(SYNC, QUEUE), callback);
    callback.submitted.get(5, java.util.concurrent.TimeUnit.SECONDS);

    // then the stored poll holds the Task's request but not the key
    assertThat(polls.all()).isNotEmpty();
    assertThat(Json.write(polls.all().get(0).spec()))
        .contains("testJob")
        .doesNotContain("first-key");
    // and a spec read back from the store takes the queue's headers as configured now
    JobSpec again =
        JobSpec.fromJson(
            polls.all().get(0).spec(),
            Map.of(
                "testQueue",
                new BatchQueue(
                    keyed.submitUrl(),
                    keyed.statusUrl(),
                    null,
                    Map.of("X-Api-Key", "rotated-key"),
                    null,
                    null,
                    null,
                    null,
                    1.0,
                    null)));
    assertThat(again.job().status().headers()).containsEntry("X-Api-Key", "rotated-key");
    assertThat(again.batch().sync()).isTrue();
    assertThat(callback.await().error()).isNull();
  }

  @Test
  void shouldServeSubmitJobWithAndWithoutSync() {
    // when / then batch:submitJob is served request-response and .sync, not with a token
    assertThat(connector.patterns(SYNC))
        .containsExactlyInAnyOrder(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.RUN_JOB);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::batch:describeJobs")))
        .isEmpty();
  }

  @Test
  void shouldSubmitTheParametersAndEndWithTheJobDescribedWhenItSucceeds() throws Exception {
    // given the seed's batch:submitJob.sync Task on a job that is RUNNABLE, RUNNING, SUCCEEDED
    JobApi.Recorder callback = new JobApi.Recorder();

    // when it runs
    connector.start(task(SYNC, QUEUE), callback);
    JobApi.Outcome outcome = callback.await();

    // then SubmitJob's answer was reported as submitted
    assertThat(Json.write(callback.submitted.getNow(null)))
        .isEqualTo(
            "{\"JobArn\":\"arn:aws:batch:us-east-2:123456789012:job/job-1\",\"JobId\":\"job-1\","
                + "\"JobName\":\"testJob\"}");
    // and the Parameters were submitted, and the result describes the job as DescribeJobs does
    assertThat(outcome.error()).isNull();
    assertThat(Json.write(outcome.output()))
        .isEqualTo(
            "{\"JobArn\":\"arn:aws:batch:us-east-2:123456789012:job/job-1\",\"JobId\":\"job-1\","
                + "\"JobName\":\"testJob\",\"JobQueue\":\""
                + QUEUE
                + "\",\"JobDefinition\":\""
                + DEFINITION
                + "\",\"Status\":\"SUCCEEDED\",\"CreatedAt\":1700000000000}");
    assertThat(api.requests.getFirst())
        .startsWith("POST /jobs {\"JobDefinition\":\"" + DEFINITION + "\",\"JobName\":\"testJob\"");
    assertThat(api.requests).hasSize(4);
  }

  @Test
  void shouldFailWithTaskFailedAndTheJobDescribedAsCauseWhenTheJobFails() throws Exception {
    // given a job that fails
    api.statuses = List.of("RUNNING", "FAILED");
    JobApi.Recorder callback = new JobApi.Recorder();

    // when it runs
    connector.start(task(SYNC, "testQueue"), callback);
    JobApi.Outcome outcome = callback.await();

    // then the task fails as AWS's does: States.TaskFailed, the job's description as cause
    assertThat(outcome.error()).isEqualTo("States.TaskFailed");
    @SuppressWarnings("unchecked")
    Map<String, Object> cause = (Map<String, Object>) Json.parse(outcome.cause());
    assertThat(cause)
        .containsEntry("JobId", "job-1")
        .containsEntry("Status", "FAILED")
        .containsEntry("StatusReason", "Exit code 3")
        .doesNotContainKey("JobArn"); // the queue was given by name: no region or account
  }

  @Test
  void shouldAnswerWithTheSubmittedJobWhenNotSync() throws Exception {
    // given a request-response batch:submitJob Task
    JobApi.Recorder callback = new JobApi.Recorder();

    // when it runs
    connector.start(task(SUBMIT, QUEUE), callback);

    // then it ends with SubmitJob's answer and the job is not polled
    assertThat(callback.await().output())
        .isEqualTo(
            Map.of(
                "JobArn", "arn:aws:batch:us-east-2:123456789012:job/job-1",
                "JobId", "job-1",
                "JobName", "testJob"));
    assertThat(api.requests).hasSize(1);
  }

  @Test
  void shouldFailWithClientExceptionNamingTheQueueAndTheConfiguredOnesWhenTheQueueIsUnknown()
      throws Exception {
    // given a Task on a queue no job API serves
    JobApi.Recorder callback = new JobApi.Recorder();
    String unknown = "arn:aws:batch:us-east-2:123456789012:job-queue/nightly";

    // when it runs
    connector.start(task(SYNC, unknown), callback);
    JobApi.Outcome outcome = callback.await();

    // then it fails as Batch refuses a request, naming the queue and the configured ones
    assertThat(outcome.error()).isEqualTo("Batch.ClientException");
    assertThat(outcome.cause())
        .isEqualTo(
            "Expected a JobQueue that stepflow.connectors.job.batch.queues maps to a job API"
                + " ([testQueue]), but found "
                + unknown);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void shouldFailWithClientExceptionWhenJobNameIsMissing() throws Exception {
    // given Parameters without JobName
    JobApi.Recorder callback = new JobApi.Recorder();
    ConnectorTask task =
        new ConnectorTask(
            "arn:exec",
            3,
            SYNC,
            Map.of("JobQueue", QUEUE, "JobDefinition", DEFINITION),
            null,
            null,
            null);

    // when it runs
    connector.start(task, callback);

    // then it fails naming the parameter
    JobApi.Outcome outcome = callback.await();
    assertThat(outcome.error()).isEqualTo("Batch.ClientException");
    assertThat(outcome.cause()).contains("JobName");
  }
}
