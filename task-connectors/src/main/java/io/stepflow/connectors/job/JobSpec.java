package io.stepflow.connectors.job;

import io.stepflow.asl.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's job as the connector runs it and stores it with the poll: the job itself, and for a
 * {@code batch:submitJob} Task the Batch job it stands for, which decides the result's shape and
 * the errors' names.
 *
 * @param job the calls, polling and conditions
 * @param batch the Batch job's names for a {@code batch:submitJob} Task; null for {@code
 *     job:run.sync}
 */
record JobSpec(Job job, BatchJob batch) {

  /** The Batch Task's Parameters, as submitted, in a stored poll. */
  private static final String BATCH_REQUEST = "BatchRequest";

  /**
   * The job a stored poll describes. A Batch job is stored as the Task's request alone and resolved
   * again against the queues configured now, so that the queue's headers (often an API key) are
   * never stored, and a rotated key is used from the next request on.
   */
  static JobSpec fromJson(Map<String, Object> json, Map<String, BatchQueue> queues)
      throws Job.BadParameter {
    if (json.get("Batch") instanceof Map<?, ?> b && json.containsKey(BATCH_REQUEST)) {
      return BatchJob.resolve(
          json.get(BATCH_REQUEST), BatchJob.fromJson(b).sync(), queues == null ? Map.of() : queues);
    }
    Job job = Job.of(json.get("Job"));
    BatchJob batch = json.get("Batch") instanceof Map<?, ?> b ? BatchJob.fromJson(b) : null;
    return new JobSpec(job, batch);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (batch != null) {
      json.put("Batch", batch.toJson());
      json.put(BATCH_REQUEST, Json.parse(job.submit().body()));
    } else {
      json.put("Job", job.toJson());
    }
    return json;
  }

  /** Whether the task ends with the submit answer (Batch's request-response SubmitJob). */
  boolean endsWhenSubmitted() {
    return batch != null && !batch.sync();
  }

  /** Whether requests are checked against the allow-list: the definition's URLs are. */
  boolean checksEgress() {
    return batch == null;
  }

  String refused() {
    return batch == null ? JobConnector.RUNTIME : BatchJob.CLIENT;
  }

  String httpError(int code) {
    if (batch == null) {
      return JobConnector.STATUS_CODE + code;
    }
    return code >= 500 ? BatchJob.SERVER : BatchJob.CLIENT;
  }

  String socketError() {
    return batch == null ? JobConnector.SOCKET : BatchJob.SDK_CLIENT;
  }

  String failedError() {
    return batch == null ? JobConnector.JOB_FAILED : BatchJob.TASK_FAILED;
  }

  Object submitted(String jobId) {
    return batch.submitted(jobId);
  }

  /**
   * What the task reports as submitted (AWS's TaskSubmitted): the submit answer, or for Batch its
   * SubmitJob answer.
   */
  Object submission(String jobId, Object submitAnswer) {
    return batch == null ? submitAnswer : batch.submitted(jobId);
  }

  Object succeeded(String jobId, Object status) {
    return batch == null ? status : batch.describe(jobId, status, "SUCCEEDED");
  }

  String failedCause(String jobId, Object status) {
    return Json.write(batch == null ? status : batch.describe(jobId, status, "FAILED"));
  }
}
