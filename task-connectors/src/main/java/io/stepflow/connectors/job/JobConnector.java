package io.stepflow.connectors.job;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.EgressPolicy;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@code arn:aws:states:::job:run.sync}: submits a job to a microservice over HTTP, polls
 * its status until a success or failure condition holds, and calls its cancel endpoint when the
 * task is no longer wanted. Parameters: {@code Submit}, {@code Status}, {@code JobIdPath}, {@code
 * Poll}, {@code SuccessCondition}, {@code FailureCondition}, {@code Cancel}; see
 * docs/connectors.md.
 *
 * <p>The result is the final status response's JSON body. A failure condition fails the task with
 * {@code Job.Failed} and the status response as cause; a non-2xx answer to submit or status fails
 * with {@code States.Http.StatusCode.<code>}, no answer with {@code States.Http.Socket}, a host
 * outside the allow-list with {@code States.Permissions}, unusable parameters or a response that is
 * not JSON with {@code States.Runtime}.
 *
 * <p>No platform thread waits: requests use the JDK client's asynchronous API on virtual threads,
 * and one scheduler thread only hands each due poll to a virtual thread. Polling state lives in
 * memory: a job whose instance dies is not polled again.
 */
public final class JobConnector implements Connector, AutoCloseable {

  public static final String JOB_FAILED = "Job.Failed";
  public static final String SOCKET = "States.Http.Socket";
  public static final String STATUS_CODE = "States.Http.StatusCode.";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RUNTIME = "States.Runtime";

  private static final Logger LOG = Logger.getLogger(JobConnector.class.getName());
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive");
  private static final Configuration CONDITIONS =
      Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

  private final JobSettings settings;
  private final EgressPolicy egress;
  private final HttpClient client;
  private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  public JobConnector(JobSettings settings) {
    this.settings = settings;
    this.egress = new EgressPolicy(settings.allowedHosts());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(virtualThreads)
            .build();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stepflow-job-poll-scheduler");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String name() {
    return "job";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    return resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
            && resource.service().equals("job")
            && resource.action().equals("run")
        ? Set.of(IntegrationPattern.RUN_JOB)
        : Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    Job job;
    try {
      job = Job.of(task.parameters());
    } catch (BadParameter e) {
      callback.failed(RUNTIME, e.getMessage());
      return;
    }
    Run run = new Run(key(task), job, callback);
    runs.put(run.key, run);
    Request submit;
    try {
      submit = request(job.submit, null);
    } catch (BadParameter e) {
      finish(run).ifPresent(c -> c.failed(RUNTIME, e.getMessage()));
      return;
    } catch (Denied e) {
      finish(run).ifPresent(c -> c.failed(PERMISSIONS, e.getMessage()));
      return;
    }
    run.track(send(submit))
        .whenComplete(
            (response, error) -> {
              try {
                submitted(run, submit, response, error);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not handle a job's submit answer", e);
                finish(run).ifPresent(c -> c.failed(RUNTIME, "Could not submit the job: " + e));
              }
            });
  }

  @Override
  public void cancel(ConnectorTask task) {
    Run run = runs.remove(key(task));
    if (run == null) {
      return;
    }
    run.cancelled = true;
    run.stop();
    if (run.submitResponse != null) {
      callCancel(run);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    client.close();
    virtualThreads.close();
  }

  private void submitted(Run run, Request submit, HttpResponse<byte[]> response, Throwable error) {
    if (error != null) {
      if (!run.cancelled) {
        finish(run).ifPresent(c -> c.failed(SOCKET, socketCause(submit, error)));
      }
      return;
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      finish(run).ifPresent(c -> c.failed(STATUS_CODE + status, answer(response)));
      return;
    }
    Object body;
    try {
      body = jsonBody(response);
    } catch (RuntimeException e) {
      finish(run).ifPresent(c -> c.failed(RUNTIME, "The submit answer is not JSON: " + e));
      return;
    }
    Object submitted = body == null ? Map.of() : body;
    if (run.job.jobIdPath != null) {
      String path = run.job.jobIdPath;
      Object scope =
          path.equals("$.submit") || path.startsWith("$.submit.") || path.startsWith("$.submit[")
              ? Map.of("submit", submitted)
              : submitted;
      Object id = JsonPath.using(CONDITIONS).parse(scope).read(path);
      if (id == null || id instanceof Map<?, ?> || id instanceof List<?>) {
        finish(run)
            .ifPresent(
                c ->
                    c.failed(
                        RUNTIME,
                        "Expected JobIdPath "
                            + run.job.jobIdPath
                            + " to select a text or number in the submit answer "
                            + Json.write(submitted)));
        return;
      }
      run.jobId = id instanceof String s ? s : Json.write(id);
    }
    run.submitResponse = submitted;
    if (run.cancelled) {
      callCancel(run);
      return;
    }
    schedule(run, run.job.interval);
  }

  private void schedule(Run run, double units) {
    long nanos = (long) (units * settings.pollUnit().toNanos());
    synchronized (run) {
      if (run.cancelled) {
        return;
      }
      run.pending =
          scheduler.schedule(
              () -> virtualThreads.execute(() -> poll(run, units)), nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void poll(Run run, double units) {
    if (run.cancelled) {
      return;
    }
    Request status;
    try {
      status = request(run.job.status, run.jobId);
    } catch (BadParameter e) {
      finish(run).ifPresent(c -> c.failed(RUNTIME, e.getMessage()));
      return;
    } catch (Denied e) {
      finish(run).ifPresent(c -> c.failed(PERMISSIONS, e.getMessage()));
      return;
    }
    run.track(send(status))
        .whenComplete(
            (response, error) -> {
              try {
                polled(run, status, units, response, error);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not handle a job's status answer", e);
                finish(run).ifPresent(c -> c.failed(RUNTIME, "Could not poll the job: " + e));
              }
            });
  }

  private void polled(
      Run run, Request status, double units, HttpResponse<byte[]> response, Throwable error) {
    if (run.cancelled) {
      return;
    }
    if (error != null) {
      finish(run).ifPresent(c -> c.failed(SOCKET, socketCause(status, error)));
      return;
    }
    int code = response.statusCode();
    if (code / 100 != 2) {
      finish(run).ifPresent(c -> c.failed(STATUS_CODE + code, answer(response)));
      return;
    }
    Object body;
    try {
      body = jsonBody(response);
    } catch (RuntimeException e) {
      finish(run).ifPresent(c -> c.failed(RUNTIME, "The status answer is not JSON: " + e));
      return;
    }
    if (holds(run.job.failureCondition, body)) {
      finish(run).ifPresent(c -> c.failed(JOB_FAILED, Json.write(body)));
    } else if (holds(run.job.successCondition, body)) {
      finish(run).ifPresent(c -> c.succeeded(body));
    } else {
      schedule(run, Math.min(units * run.job.backoffRate, run.job.maxInterval));
    }
  }

  /**
   * Whether a condition holds on a status answer: its result is a non-empty array, or any value
   * other than null and false. A path that selects nothing does not hold.
   */
  static boolean holds(String condition, Object document) {
    if (document == null) {
      return false;
    }
    Object result = JsonPath.using(CONDITIONS).parse(document).read(condition);
    if (result instanceof List<?> list) {
      return !list.isEmpty();
    }
    return result != null && !Boolean.FALSE.equals(result);
  }

  private void callCancel(Run run) {
    if (run.job.cancel == null) {
      return;
    }
    Request cancel;
    try {
      cancel = request(run.job.cancel, run.jobId);
    } catch (BadParameter | Denied e) {
      LOG.warning("Could not cancel a job: " + e.getMessage());
      return;
    }
    send(cancel)
        .whenComplete(
            (response, error) -> {
              if (error != null || response.statusCode() / 100 != 2) {
                LOG.warning(
                    "Cancelling a job by "
                        + cancel.target()
                        + " answered "
                        + (error != null ? unwrap(error).toString() : response.statusCode()));
              }
            });
  }

  /** Takes the run out of the table; the callback only if this call took it (reports once). */
  private java.util.Optional<ConnectorCallback> finish(Run run) {
    if (runs.remove(run.key, run)) {
      run.stop();
      return java.util.Optional.of(run.callback);
    }
    return java.util.Optional.empty();
  }

  private CompletableFuture<HttpResponse<byte[]>> send(Request r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri).timeout(settings.readTimeout());
    r.call.headers.forEach(b::header);
    if (r.call.body == null) {
      b.method(r.call.method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (r.call.headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
        b.header("Content-Type", "application/json; charset=UTF-8");
      }
      b.method(r.call.method, HttpRequest.BodyPublishers.ofString(r.call.body));
    }
    b.header("Accept", "application/json");
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private Request request(Call call, String jobId) throws BadParameter, Denied {
    String endpoint = call.endpoint;
    if (endpoint.contains("{jobId}")) {
      if (jobId == null) {
        throw new BadParameter(
            "The ApiEndpoint " + endpoint + " has a {jobId} placeholder but no JobIdPath is given");
      }
      endpoint =
          endpoint.replace(
              "{jobId}", URLEncoder.encode(jobId, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new BadParameter(
          "Expected ApiEndpoint to be an http or https URL, but found " + endpoint);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new BadParameter(
          "Expected ApiEndpoint to be an http or https URL with a host, but found " + endpoint);
    }
    if (!egress.allows(uri.getHost())) {
      throw new Denied(
          "The host "
              + uri.getHost()
              + " of ApiEndpoint is not in stepflow.connectors.job.allowed-hosts "
              + settings.allowedHosts());
    }
    return new Request(uri, call);
  }

  private String socketCause(Request r, Throwable error) {
    Throwable e = unwrap(error);
    String target = r.target();
    if (e instanceof HttpConnectTimeoutException) {
      return "No connection to " + target + " within " + settings.connectTimeout();
    } else if (e instanceof HttpTimeoutException) {
      return "No answer from " + target + " within " + settings.readTimeout();
    } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      return "The connection to " + target + " was refused";
    } else if (e instanceof UnresolvedAddressException
        || e.getCause() instanceof UnresolvedAddressException) {
      return "The host of " + target + " is unknown";
    }
    return "The request "
        + target
        + " failed: "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static Object jsonBody(HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    return text.isBlank() ? null : Json.parse(text);
  }

  /** A non-2xx answer as the HTTP connector's cause: StatusCode, StatusText-less, ResponseBody. */
  private static String answer(HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    Object body = text;
    try {
      if (!text.isBlank()) {
        body = Json.parse(text);
      }
    } catch (RuntimeException e) {
      body = text;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ResponseBody", body);
    result.put("StatusCode", response.statusCode());
    return Json.write(result);
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException
            || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String key(ConnectorTask task) {
    return task.executionArn() + "#" + task.taskId();
  }

  /** One task's job: what is in flight, and whether the task was cancelled. */
  private static final class Run {
    final String key;
    final Job job;
    final ConnectorCallback callback;
    volatile boolean cancelled;
    volatile Object submitResponse;
    volatile String jobId;
    volatile CompletableFuture<?> call;
    volatile Future<?> pending;

    Run(String key, Job job, ConnectorCallback callback) {
      this.key = key;
      this.job = job;
      this.callback = callback;
    }

    <T> CompletableFuture<T> track(CompletableFuture<T> c) {
      call = c;
      return c;
    }

    synchronized void stop() {
      Future<?> p = pending;
      if (p != null) {
        p.cancel(false);
      }
      CompletableFuture<?> c = call;
      if (c != null && cancelled) {
        c.cancel(true);
      }
    }
  }

  private record Request(URI uri, Call call) {
    String target() {
      return call.method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
  }

  private static final class BadParameter extends Exception {
    BadParameter(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Denied extends Exception {
    Denied(String message) {
      super(message, null, false, false);
    }
  }

  /** One of the job's HTTP calls, as the definition gives it. */
  private record Call(String endpoint, String method, Map<String, String> headers, String body) {

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
  }

  private static String typeOf(Object value) {
    return value == null ? "nothing" : Json.typeName(value);
  }

  /** A job Task's parameters, checked. */
  private record Job(
      Call submit,
      Call status,
      Call cancel,
      String jobIdPath,
      double interval,
      double backoffRate,
      double maxInterval,
      String successCondition,
      String failureCondition) {

    static Job of(Object parameters) throws BadParameter {
      if (!(parameters instanceof Map<?, ?> p)) {
        throw new BadParameter(
            "Expected the Parameters of a job:run.sync Task to be an object with Submit, Status"
                + " and SuccessCondition");
      }
      Set<String> known =
          Set.of(
              "Submit",
              "Status",
              "JobIdPath",
              "Poll",
              "SuccessCondition",
              "FailureCondition",
              "Cancel");
      for (Object key : p.keySet()) {
        if (!known.contains(key)) {
          throw new BadParameter("Expected the Parameters " + known + ", but found " + key);
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
      if (interval <= 0 || backoff < 1.0 || max < interval) {
        throw new BadParameter(
            "Expected Poll.IntervalSeconds > 0, BackoffRate >= 1.0 and MaxIntervalSeconds >="
                + " IntervalSeconds, but found "
                + interval
                + ", "
                + backoff
                + ", "
                + max);
      }
      return new Job(submit, status, cancel, jobIdPath, interval, backoff, max, success, failure);
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
  }
}
