package io.stepflow.connectors.job;

import io.stepflow.asl.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code batch:submitJob} Task's job: read from the Task's Parameters (JobName, JobQueue,
 * JobDefinition, and anything else SubmitJob takes), run by the job API configured for its queue,
 * and reported in the shape of AWS Batch's DescribeJobs job.
 *
 * @param jobName the Task's JobName
 * @param jobQueue the Task's JobQueue, as written (a name or an ARN)
 * @param jobDefinition the Task's JobDefinition, as written
 * @param parameters the Task's {@code Parameters} field (the job's parameters); null when none
 * @param sync whether the task waits for the job ({@code .sync}) or ends once it is submitted
 */
record BatchJob(
    String jobName, String jobQueue, String jobDefinition, Object parameters, boolean sync) {

  /** What AWS Batch answers a request it refuses with, such as an unknown queue. */
  static final String CLIENT = "Batch.ClientException";

  static final String SERVER = "Batch.ServerException";
  static final String SDK_CLIENT = "Batch.SdkClientException";

  /** What a failed job fails its {@code .sync} task with, its description as the cause (AWS's). */
  static final String TASK_FAILED = "States.TaskFailed";

  private static final Pattern QUEUE_ARN =
      Pattern.compile("arn:(aws[a-z-]*):batch:([a-z0-9-]*):([0-9]*):job-queue/(.+)");

  /** The Task's job and the job for its queue's API, or why it cannot run. */
  static JobSpec resolve(Object taskParameters, boolean sync, Map<String, BatchQueue> queues)
      throws Job.BadParameter {
    if (!(taskParameters instanceof Map<?, ?> p)) {
      throw new Job.BadParameter(
          "Expected the Parameters of a batch:submitJob Task to be an object with JobName,"
              + " JobQueue and JobDefinition, but found "
              + Job.typeOf(taskParameters));
    }
    BatchJob batch =
        new BatchJob(
            text(p, "JobName"),
            text(p, "JobQueue"),
            text(p, "JobDefinition"),
            p.get("Parameters"),
            sync);
    BatchQueue queue = queue(batch.jobQueue, queues);
    Job job =
        new Job(
            new Job.Call(queue.submitUrl(), "POST", queue.headers(), Json.write(taskParameters)),
            new Job.Call(queue.statusUrl(), "GET", queue.headers(), null),
            queue.cancelUrl() == null
                ? null
                : new Job.Call(queue.cancelUrl(), "DELETE", queue.headers(), null),
            queue.jobIdPath(),
            seconds(queue.pollInterval()),
            queue.backoffRate(),
            seconds(queue.maxPollInterval()),
            queue.successCondition(),
            queue.failureCondition());
    try {
      return new JobSpec(Job.checked(job), batch);
    } catch (Job.BadParameter e) {
      throw new Job.BadParameter(
          "The job queue " + batch.jobQueue + " is configured wrongly: " + e.getMessage());
    }
  }

  /**
   * The queue's job API: looked up by the JobQueue as written, then by the queue's name (the part
   * of an ARN after {@code job-queue/}), then by that name in any case.
   */
  static BatchQueue queue(String jobQueue, Map<String, BatchQueue> queues) throws Job.BadParameter {
    BatchQueue queue = queues.get(jobQueue);
    String name = nameOf(jobQueue);
    if (queue == null) {
      queue = queues.get(name);
    }
    if (queue == null) {
      queue =
          queues.entrySet().stream()
              .filter(e -> nameOf(e.getKey()).equalsIgnoreCase(name))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    if (queue == null) {
      throw new Job.BadParameter(
          "Expected a JobQueue that stepflow.connectors.job.batch.queues maps to a job API ("
              + (queues.isEmpty() ? "none are configured" : new TreeSet<>(queues.keySet()))
              + "), but found "
              + jobQueue);
    }
    return queue;
  }

  static String nameOf(String queue) {
    Matcher m = QUEUE_ARN.matcher(queue);
    return m.matches() ? m.group(4) : queue;
  }

  /** SubmitJob's answer: JobArn (when the queue is an ARN), JobId, JobName. */
  Map<String, Object> submitted(String jobId) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "JobArn", jobArn(jobId));
    out.put("JobId", jobId);
    out.put("JobName", jobName);
    return out;
  }

  /**
   * The job as DescribeJobs describes it, as far as the job API tells: JobArn, JobId, JobName,
   * JobQueue, JobDefinition, Status (the answer's {@code status}, else {@code fallbackStatus}),
   * StatusReason, CreatedAt, StartedAt, StoppedAt (the answer's camelCase or PascalCase fields) and
   * the Task's Parameters.
   */
  Map<String, Object> describe(String jobId, Object status, String fallbackStatus) {
    Map<?, ?> answer = status instanceof Map<?, ?> m ? m : Map.of();
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "JobArn", jobArn(jobId));
    out.put("JobId", jobId);
    out.put("JobName", jobName);
    out.put("JobQueue", jobQueue);
    out.put("JobDefinition", jobDefinition);
    Object reported = field(answer, "status");
    out.put("Status", reported instanceof String s ? s : fallbackStatus);
    putIfSet(out, "StatusReason", field(answer, "statusReason"));
    putIfSet(out, "CreatedAt", field(answer, "createdAt"));
    putIfSet(out, "StartedAt", field(answer, "startedAt"));
    putIfSet(out, "StoppedAt", field(answer, "stoppedAt"));
    putIfSet(out, "Parameters", parameters);
    return out;
  }

  /** {@code arn:<partition>:batch:<region>:<account>:job/<id>} when the queue is an ARN. */
  String jobArn(String jobId) {
    Matcher m = QUEUE_ARN.matcher(jobQueue);
    if (!m.matches() || jobId == null) {
      return null;
    }
    return "arn:" + m.group(1) + ":batch:" + m.group(2) + ":" + m.group(3) + ":job/" + jobId;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("JobName", jobName);
    json.put("JobQueue", jobQueue);
    json.put("JobDefinition", jobDefinition);
    putIfSet(json, "Parameters", parameters);
    json.put("Sync", sync);
    return json;
  }

  static BatchJob fromJson(Map<?, ?> json) {
    return new BatchJob(
        (String) json.get("JobName"),
        (String) json.get("JobQueue"),
        (String) json.get("JobDefinition"),
        json.get("Parameters"),
        Boolean.TRUE.equals(json.get("Sync")));
  }

  private static Object field(Map<?, ?> answer, String camelCase) {
    Object value = answer.get(camelCase);
    return value != null
        ? value
        : answer.get(Character.toUpperCase(camelCase.charAt(0)) + camelCase.substring(1));
  }

  private static String text(Map<?, ?> p, String name) throws Job.BadParameter {
    if (!(p.get(name) instanceof String s) || s.isBlank()) {
      throw new Job.BadParameter(
          "Expected "
              + name
              + " to be a text in the Parameters of a batch:submitJob Task, but found "
              + Job.typeOf(p.get(name)));
    }
    return s;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void putIfSet(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
