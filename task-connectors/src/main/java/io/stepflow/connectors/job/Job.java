package io.stepflow.connectors.job;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ClientHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's calls, polling and conditions, checked: read from a {@code job:run.sync} Task's
 * Parameters, or built from a configured Batch queue. {@link #toJson()} gives the Parameters shape
 * back, so that a stored poll is read again with {@link #of(Object)}.
 */
record Job(
    Call submit,
    Call status,
    Call cancel,
    String jobIdPath,
    double interval,
    double backoffRate,
    double maxInterval,
    String successCondition,
    String failureCondition) {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> FORBIDDEN_HEADERS = ClientHeaders.SET_BY_CLIENT;
  private static final Set<String> KNOWN =
      Set.of(
          "Submit",
          "Status",
          "JobIdPath",
          "Poll",
          "SuccessCondition",
          "FailureCondition",
          "Cancel");

  /** Parameters that cannot run the job; the message names the field. */
  static final class BadParameter extends Exception {
    BadParameter(String message) {
      super(message, null, false, false);
    }
  }

  static Job of(Object parameters) throws BadParameter {
    if (!(parameters instanceof Map<?, ?> p)) {
      throw new BadParameter(
          "Expected the Parameters of a job:run.sync Task to be an object with Submit, Status"
              + " and SuccessCondition");
    }
    for (Object key : p.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new BadParameter("Expected the Parameters " + KNOWN + ", but found " + key);
      }
    }
    Call submit = Call.of("Submit", p.get("Submit"), "POST", true);
    Call status = Call.of("Status", p.get("Status"), "GET", false);
    Call cancel =
        p.get("Cancel") == null ? null : Call.of("Cancel", p.get("Cancel"), "DELETE", false);
    String jobIdPath = path("JobIdPath", p.get("JobIdPath"), false);
    String success = path("SuccessCondition", p.get("SuccessCondition"), true);
    String failure = path("FailureCondition", p.get("FailureCondition"), false);
    double interval = 5;
    double backoff = 1.0;
    double max = 60;
    if (p.get("Poll") != null) {
      if (!(p.get("Poll") instanceof Map<?, ?> poll)) {
        throw new BadParameter("Expected Poll to be an object");
      }
      for (Object key : poll.keySet()) {
        if (!Set.of("IntervalSeconds", "BackoffRate", "MaxIntervalSeconds").contains(key)) {
          throw new BadParameter(
              "Expected the Poll fields IntervalSeconds, BackoffRate and MaxIntervalSeconds,"
                  + " but found "
                  + key);
        }
      }
      interval = number(poll, "IntervalSeconds", interval);
      backoff = number(poll, "BackoffRate", backoff);
      max = number(poll, "MaxIntervalSeconds", max);
    }
    return checked(
        new Job(submit, status, cancel, jobIdPath, interval, backoff, max, success, failure));
  }

  /** The job with its polling checked: IntervalSeconds > 0, BackoffRate >= 1, Max >= Interval. */
  static Job checked(Job job) throws BadParameter {
    if (job.interval <= 0 || job.backoffRate < 1.0 || job.maxInterval < job.interval) {
      throw new BadParameter(
          "Expected Poll.IntervalSeconds > 0, BackoffRate >= 1.0 and MaxIntervalSeconds >="
              + " IntervalSeconds, but found "
              + job.interval
              + ", "
              + job.backoffRate
              + ", "
              + job.maxInterval);
    }
    path("SuccessCondition", job.successCondition, true);
    path("FailureCondition", job.failureCondition, false);
    path("JobIdPath", job.jobIdPath, false);
    return job;
  }

  /** How long to wait, in poll units, before the poll that follows {@code pollsMade} polls. */
  double waitBefore(int pollsMade) {
    double wait = interval;
    for (int i = 0; i < pollsMade && wait < maxInterval; i++) {
      wait *= backoffRate;
    }
    return Math.min(wait, maxInterval);
  }

  /** The job as job:run.sync Parameters, which {@link #of(Object)} reads back. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Submit", submit.toJson());
    json.put("Status", status.toJson());
    if (cancel != null) {
      json.put("Cancel", cancel.toJson());
    }
    if (jobIdPath != null) {
      json.put("JobIdPath", jobIdPath);
    }
    json.put(
        "Poll",
        Map.of(
            "IntervalSeconds", interval,
            "BackoffRate", backoffRate,
            "MaxIntervalSeconds", maxInterval));
    json.put("SuccessCondition", successCondition);
    if (failureCondition != null) {
      json.put("FailureCondition", failureCondition);
    }
    return json;
  }

  private static double number(Map<?, ?> poll, String name, double fallback) throws BadParameter {
    Object v = poll.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new BadParameter("Expected Poll." + name + " to be a number, but found " + v);
    }
    return n.doubleValue();
  }

  private static String path(String name, Object value, boolean required) throws BadParameter {
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || !s.startsWith("$")) {
      throw new BadParameter(
          "Expected " + name + " to be a JSONPath text starting with $, but found " + value);
    }
    try {
      JsonPath.compile(s);
    } catch (InvalidPathException e) {
      throw new BadParameter(
          "Expected " + name + " to be a valid JSONPath, but " + s + ": " + e.getMessage());
    }
    return s;
  }

  static String typeOf(Object value) {
    return value == null ? "nothing" : Json.typeName(value);
  }

  /** One of the job's HTTP calls, as the definition (or the configuration) gives it. */
  record Call(String endpoint, String method, Map<String, String> headers, String body) {

    static Call of(String name, Object value, String defaultMethod, boolean withBody)
        throws BadParameter {
      if (!(value instanceof Map<?, ?> p)) {
        throw new BadParameter(
            "Expected " + name + " to be an object with ApiEndpoint, but found " + typeOf(value));
      }
      Set<String> known =
          withBody
              ? Set.of("ApiEndpoint", "Method", "Headers", "RequestBody")
              : Set.of("ApiEndpoint", "Method", "Headers");
      for (Object key : p.keySet()) {
        if (!known.contains(key)) {
          throw new BadParameter(
              "Expected the fields " + known + " in " + name + ", but found " + key);
        }
      }
      if (!(p.get("ApiEndpoint") instanceof String endpoint)) {
        throw new BadParameter(
            "Expected "
                + name
                + ".ApiEndpoint to be a URL text, but found "
                + typeOf(p.get("ApiEndpoint")));
      }
      Object m = p.get("Method") == null ? defaultMethod : p.get("Method");
      if (!(m instanceof String method) || !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        throw new BadParameter(
            "Expected " + name + ".Method to be one of " + METHODS + ", but found " + m);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (p.get("Headers") != null) {
        if (!(p.get("Headers") instanceof Map<?, ?> h)) {
          throw new BadParameter("Expected " + name + ".Headers to be an object");
        }
        for (Map.Entry<?, ?> e : h.entrySet()) {
          String header = (String) e.getKey();
          if (FORBIDDEN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
            throw new BadParameter("The header " + header + " may not be set; the client sets it");
          }
          headers.put(header, e.getValue() instanceof String s ? s : Json.write(e.getValue()));
        }
      }
      Object rb = p.get("RequestBody");
      String body = rb == null ? null : rb instanceof String s ? s : Json.write(rb);
      return new Call(endpoint, method.toUpperCase(Locale.ROOT), Map.copyOf(headers), body);
    }

    /** As a Submit, Status or Cancel parameter; the body stays a text (sent as is). */
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ApiEndpoint", endpoint);
      json.put("Method", method);
      if (!headers.isEmpty()) {
        json.put("Headers", new LinkedHashMap<>(headers));
      }
      if (body != null) {
        json.put("RequestBody", body);
      }
      return json;
    }
  }
}
