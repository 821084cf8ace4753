package io.stepflow.connectors.job;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The job API that runs the jobs of one AWS Batch job queue, so that {@code batch:submitJob} Tasks
 * written for AWS run unchanged: the Task's Parameters are POSTed to {@code submitUrl}, the job's
 * status is read from {@code statusUrl} until a condition holds.
 *
 * @param submitUrl where jobs are submitted (POST, the Task's Parameters as JSON body)
 * @param statusUrl where a job's status is read (GET); {@code {jobId}} is replaced by the job's id
 * @param cancelUrl where a job is cancelled (DELETE) when its task is; {@code {jobId}} as above;
 *     null for none
 * @param headers headers sent with every request (for example an API key); none when empty
 * @param jobIdPath JSONPath to the job's id in the submit answer
 * @param successCondition JSONPath condition on a status answer that ends the task with success
 * @param failureCondition JSONPath condition that ends it with States.TaskFailed; checked first
 * @param pollInterval the wait before the first poll, in the connector's poll units (one second
 *     each in production), as Poll.IntervalSeconds
 * @param backoffRate how much each later wait grows, as Poll.BackoffRate
 * @param maxPollInterval the longest wait, as Poll.MaxIntervalSeconds
 */
public record BatchQueue(
    String submitUrl,
    String statusUrl,
    String cancelUrl,
    Map<String, String> headers,
    String jobIdPath,
    String successCondition,
    String failureCondition,
    Duration pollInterval,
    double backoffRate,
    Duration maxPollInterval) {

  /** Job ids at {@code $.jobId}, as AWS Batch's SubmitJob answers them. */
  public static final String JOB_ID_PATH = "$.jobId";

  /** Batch's final statuses in the status answer's {@code status} field. */
  public static final String SUCCEEDED = "$[?(@.status == 'SUCCEEDED')]";

  public static final String FAILED = "$[?(@.status == 'FAILED')]";

  public BatchQueue {
    Objects.requireNonNull(submitUrl, "submitUrl");
    Objects.requireNonNull(statusUrl, "statusUrl");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    jobIdPath = jobIdPath == null ? JOB_ID_PATH : jobIdPath;
    successCondition = successCondition == null ? SUCCEEDED : successCondition;
    failureCondition = failureCondition == null ? FAILED : failureCondition;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    maxPollInterval = maxPollInterval == null ? Duration.ofSeconds(60) : maxPollInterval;
    backoffRate = backoffRate == 0 ? 1.0 : backoffRate;
  }

  /** A queue served at {@code submitUrl} and {@code statusUrl}, with the defaults otherwise. */
  public static BatchQueue at(String submitUrl, String statusUrl, String cancelUrl) {
    return new BatchQueue(submitUrl, statusUrl, cancelUrl, null, null, null, null, null, 1.0, null);
  }

  public BatchQueue withPolling(Duration interval, double backoff, Duration max) {
    return new BatchQueue(
        submitUrl,
        statusUrl,
        cancelUrl,
        headers,
        jobIdPath,
        successCondition,
        failureCondition,
        interval,
        backoff,
        max);
  }
}
