package io.stepflow.service.connectors;

import io.stepflow.connectors.job.BatchQueue;
import io.stepflow.connectors.job.JobSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code .sync} job connector ({@code arn:aws:states:::job:run.sync} and {@code
 * arn:aws:states:::batch:submitJob[.sync]}), under {@code stepflow.connectors.job.*}.
 *
 * @param enabled whether job and Batch Tasks are served; off, a definition with one is refused at
 *     CreateStateMachine. Default {@code true}.
 * @param connectTimeout how long to wait for a connection to a job API. Default {@code 5s}.
 * @param readTimeout how long to wait for the answer to one submit, status or cancel request; the
 *     task then fails with States.Http.Socket. Default {@code 60s}.
 * @param allowedHosts the hosts job:run.sync definitions may submit to, poll and cancel at, with
 *     the HTTP connector's rules: {@code *} any, {@code *.example.com} its subdomains, else an
 *     exact host name or address; checked on every request. Batch queues' URLs are not checked.
 *     Default {@code *} (narrow it in production).
 * @param pollUnit how long one unit of Poll.IntervalSeconds and Poll.MaxIntervalSeconds lasts.
 *     Default {@code 1s}; only tests should shorten it (e.g. {@code 10ms}).
 * @param lease how long an instance's claim on a task's poll holds past the poll's due time; when
 *     the instance dies, another takes the poll over this long after it was due. Keep it above
 *     {@code read-timeout}. Default {@code 2m}.
 * @param sweepInterval how often each instance looks for polls whose claim ran out. Default {@code
 *     1s}.
 * @param batch the job APIs that run {@code batch:submitJob} Tasks, by job queue.
 */
@ConfigurationProperties("stepflow.connectors.job")
public record JobConnectorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("*") List<String> allowedHosts,
    @DefaultValue("1s") Duration pollUnit,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue Batch batch) {

  /**
   * AWS Batch mapped to job APIs.
   *
   * @param queues the job API of each job queue, by the queue's name (the part after {@code
   *     job-queue/} of its ARN) or, in brackets, its full ARN. A Task on a queue not listed fails
   *     with Batch.ClientException naming the listed ones. Default none.
   */
  public record Batch(Map<String, Queue> queues) {}

  /**
   * One job queue's job API.
   *
   * @param submitUrl where jobs are submitted: POST with the Task's Parameters (SubmitJob's) as
   *     JSON body. Required.
   * @param statusUrl where a job's status is read: GET, {@code {jobId}} replaced by the job's id.
   *     Required.
   * @param cancelUrl where a job is cancelled when its task is (execution stopped, timed out):
   *     DELETE, {@code {jobId}} as above. Default none.
   * @param headers headers for every request to this API (an API key). Default none.
   * @param jobIdPath JSONPath to the job's id in the submit answer. Default {@code $.jobId}.
   * @param successCondition JSONPath condition on the status answer that ends the task. Default
   *     {@code $[?(@.status == 'SUCCEEDED')]}.
   * @param failureCondition JSONPath condition that fails it with States.TaskFailed; checked first.
   *     Default {@code $[?(@.status == 'FAILED')]}.
   * @param pollInterval the wait before the first poll (in poll units). Default {@code 5s}.
   * @param backoffRate how much each later wait grows. Default {@code 1.0}.
   * @param maxPollInterval the longest wait. Default {@code 60s}.
   */
  public record Queue(
      String submitUrl,
      String statusUrl,
      String cancelUrl,
      Map<String, String> headers,
      @DefaultValue(BatchQueue.JOB_ID_PATH) String jobIdPath,
      @DefaultValue(BatchQueue.SUCCEEDED) String successCondition,
      @DefaultValue(BatchQueue.FAILED) String failureCondition,
      @DefaultValue("5s") Duration pollInterval,
      @DefaultValue("1.0") double backoffRate,
      @DefaultValue("60s") Duration maxPollInterval) {

    BatchQueue toQueue(String name) {
      if (submitUrl == null || statusUrl == null) {
        throw new IllegalArgumentException(
            "Expected stepflow.connectors.job.batch.queues."
                + name
                + " to have a submit-url and a status-url, but found "
                + submitUrl
                + " and "
                + statusUrl);
      }
      return new BatchQueue(
          submitUrl,
          statusUrl,
          cancelUrl,
          headers,
          jobIdPath,
          successCondition,
          failureCondition,
          pollInterval,
          backoffRate,
          maxPollInterval);
    }
  }

  JobSettings toSettings() {
    Map<String, BatchQueue> queues = new LinkedHashMap<>();
    if (batch != null && batch.queues() != null) {
      batch.queues().forEach((name, queue) -> queues.put(name, queue.toQueue(name)));
    }
    return new JobSettings(
        connectTimeout, readTimeout, allowedHosts, pollUnit, lease, sweepInterval, queues);
  }
}
