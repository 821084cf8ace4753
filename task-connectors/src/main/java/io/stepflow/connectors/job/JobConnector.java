package io.stepflow.connectors.job;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.EgressPolicy;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.engine.TaskDispatcher;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@code arn:aws:states:::job:run.sync} and {@code arn:aws:states:::batch:submitJob[.sync]}:
 * submits a job to a microservice over HTTP, polls its status until a success or failure condition
 * holds, and calls its cancel endpoint when the task is no longer wanted. A {@code job:run.sync}
 * Task gives the calls in its Parameters ({@code Submit}, {@code Status}, {@code JobIdPath}, {@code
 * Poll}, {@code SuccessCondition}, {@code FailureCondition}, {@code Cancel}); a {@code
 * batch:submitJob} Task gives AWS Batch's SubmitJob parameters, and the job API configured for its
 * JobQueue ({@link BatchQueue}) runs it. See docs/connectors.md.
 *
 * <p>The result of {@code job:run.sync} is the final status response's JSON body; a failure
 * condition fails the task with {@code Job.Failed} and the status response as cause; a non-2xx
 * answer to submit or status fails with {@code States.Http.StatusCode.<code>}, no answer with
 * {@code States.Http.Socket}, a host outside the allow-list with {@code States.Permissions},
 * unusable parameters or a response that is not JSON with {@code States.Runtime}. A Batch task ends
 * with the job described as DescribeJobs does, fails with {@code States.TaskFailed} and that
 * description as cause, and names request errors {@code Batch.ClientException} (4xx, unknown queue,
 * missing parameters), {@code Batch.ServerException} (5xx), {@code Batch.SdkClientException} (no
 * answer).
 *
 * <p><b>Durability.</b> Every task's poll lives in a {@link JobPolls} store from the moment {@link
 * #start} accepts it (before it returns, so before the task's hand-over is acknowledged) until its
 * outcome is reported, which the store does in the same transaction as removing the poll. The
 * instance that submitted a job holds the poll's claim and polls on its own timer; each claim runs
 * until the poll's due time plus {@link JobSettings#lease()}. An instance that dies leaves its
 * claims to run out, and any instance's sweep ({@link #pollDue()}, every {@link
 * JobSettings#sweepInterval()}) claims them and carries on: it polls the job again, or submits it
 * again if the submit's answer was never recorded, and reports through the {@code takenOver}
 * outcomes. A cancel from any instance removes the poll and calls the job's cancel endpoint.
 *
 * <p>No platform thread waits: requests use the JDK client's asynchronous API on virtual threads,
 * and one scheduler thread only hands each due poll and sweep to a virtual thread.
 */
public final class JobConnector implements Connector, AutoCloseable {

  public static final String JOB_FAILED = "Job.Failed";
  public static final String SOCKET = "States.Http.Socket";
  public static final String STATUS_CODE = "States.Http.StatusCode.";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RUNTIME = "States.Runtime";

  private static final Logger LOG = Logger.getLogger(JobConnector.class.getName());

  /** Marks a stored poll whose Task has HeartbeatSeconds: each poll the job runs on is a beat. */
  static final String HEARTBEATS = "Heartbeats";

  /** The Task's HeartbeatSeconds, in milliseconds: polls come at least twice as often. */
  static final String HEARTBEAT_MILLIS = "HeartbeatMillis";

  private static final int SWEEP_BATCH = 64;
  private static final Configuration CONDITIONS =
      Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

  private final JobSettings settings;
  private final JobPolls polls;
  private final Clock clock;
  private final TaskDispatcher.TaskOutcomes takenOver;
  private final EgressPolicy egress;
  private final HttpClient client;
  private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();

  /** Polls kept in memory, the system clock, no sweep: for tests and a single process. */
  public JobConnector(JobSettings settings) {
    this(settings, new InMemoryJobPolls(), Clock.systemUTC(), null);
  }

  /**
   * @param polls where the tasks' polls are kept, shared by the instances
   * @param clock where time comes from
   * @param takenOver where tasks taken over from another instance report their outcome (the task
   *     dispatcher's callback is that instance's); null sweeps nothing
   */
  public JobConnector(
      JobSettings settings, JobPolls polls, Clock clock, TaskDispatcher.TaskOutcomes takenOver) {
    this.settings = settings;
    this.polls = polls;
    this.clock = clock;
    this.takenOver = takenOver;
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
    long sweep = settings.sweepInterval().toNanos();
    if (takenOver != null && sweep > 0) {
      scheduler.scheduleWithFixedDelay(
          () -> virtualThreads.execute(this::sweep), sweep, sweep, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public String name() {
    return "job";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    if (resource.kind() != ResourceArn.Kind.SERVICE_INTEGRATION) {
      return Set.of();
    }
    if (resource.service().equals("job") && resource.action().equals("run")) {
      return Set.of(IntegrationPattern.RUN_JOB);
    }
    if (resource.service().equals("batch") && resource.action().equals("submitJob")) {
      return Set.of(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.RUN_JOB);
    }
    return Set.of();
  }

  /**
   * Checks the task's job, stores its poll (claimed by this instance) and submits the job; the poll
   * is stored before this returns. A task that already has a poll was handed over again and is
   * looked after by whoever holds it: nothing more is done.
   */
  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    JobSpec spec;
    try {
      spec = spec(task);
    } catch (Job.BadParameter e) {
      callback.failed(refused(task), e.getMessage());
      return;
    }
    Instant now = clock.instant();
    Map<String, Object> stored = spec.toJson();
    if (task.heartbeat() != null) {
      stored.put(HEARTBEATS, true); // kept with the poll: whoever polls reports the job alive
      stored.put(HEARTBEAT_MILLIS, task.heartbeat().toMillis());
    }
    JobPoll poll =
        new JobPoll(
            task.executionArn(),
            task.taskId(),
            stored,
            JobPoll.Phase.SUBMIT,
            null,
            0,
            now,
            UUID.randomUUID().toString(),
            now.plus(settings.lease()));
    if (!polls.save(poll)) {
      LOG.info("The job task " + poll.taskKey() + " was handed over again; it is looked after");
      return;
    }
    Run run = new Run(poll, spec, callback);
    runs.put(poll.taskKey(), run);
    submit(run);
  }

  /**
   * Stops this instance's work on the task, removes its poll from the store and, if its job was
   * submitted, calls the job's cancel endpoint, whichever instance was polling it. A submit still
   * in flight here is aborted and not cancelled; one in flight on another instance is cancelled
   * there once it is answered (that instance finds the poll gone).
   */
  @Override
  public void cancel(ConnectorTask task) {
    Run run = runs.remove(JobPoll.key(task.executionArn(), task.taskId()));
    if (run != null) {
      run.cancelled = true;
      run.stop();
    }
    Optional<JobPoll> stored = polls.cancel(task.executionArn(), task.taskId());
    if (stored.isEmpty() || stored.get().phase() != JobPoll.Phase.POLL) {
      return;
    }
    try {
      callCancel(
          JobSpec.fromJson(stored.get().spec(), settings.batchQueues()), stored.get().jobId());
    } catch (Job.BadParameter e) {
      LOG.warning("Could not cancel the job of " + stored.get().taskKey() + ": " + e.getMessage());
    }
  }

  /**
   * Claims the polls that are due and that no live claim holds (their instance died, or their claim
   * ran out), and carries each on: polls the job, or submits it again when its submit was never
   * answered. Returns how many were claimed. The sweep calls this; tests call it directly.
   */
  public int pollDue() {
    Instant now = clock.instant();
    List<JobPoll> claimed = polls.claimDue(now, now.plus(settings.lease()), SWEEP_BATCH);
    for (JobPoll poll : claimed) {
      virtualThreads.execute(() -> resume(poll));
    }
    return claimed.size();
  }

  /** Stops polling here and lets the claims go, so that other instances carry on at once. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    Instant now = clock.instant();
    for (Run run : runs.values()) {
      run.cancelled = true;
      run.stop();
      try {
        polls.update(run.poll.claimed(run.poll.claim(), now.minusMillis(1)));
      } catch (RuntimeException e) {
        LOG.fine("Could not let the poll of " + run.poll.taskKey() + " go: " + e);
      }
    }
    runs.clear();
    client.close();
    virtualThreads.close();
  }

  private JobSpec spec(ConnectorTask task) throws Job.BadParameter {
    if (task.resource().service().equals("batch")) {
      return BatchJob.resolve(
          task.parameters(),
          task.resource().integrationPattern() == IntegrationPattern.RUN_JOB,
          settings.batchQueues());
    }
    return new JobSpec(Job.of(task.parameters()), null);
  }

  private static String refused(ConnectorTask task) {
    return task.resource().service().equals("batch") ? BatchJob.CLIENT : RUNTIME;
  }

  private void sweep() {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      while (pollDue() == SWEEP_BATCH) {
        // a full batch: more may be due
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not look for job polls to take over; trying again later", e);
    } finally {
      sweeping.set(false);
    }
  }

  private void resume(JobPoll poll) {
    JobSpec spec;
    try {
      spec = JobSpec.fromJson(poll.spec(), settings.batchQueues());
    } catch (Job.BadParameter e) {
      fail(new Run(poll, null, null), RUNTIME, "The stored job cannot be read: " + e.getMessage());
      return;
    }
    Run run = new Run(poll, spec, null);
    Run stale = runs.put(poll.taskKey(), run);
    if (stale != null) {
      stale.cancelled = true; // this instance's own run, whose claim ran out
      stale.stop();
    }
    if (poll.phase() == JobPoll.Phase.SUBMIT) {
      submit(run);
    } else {
      poll(run);
    }
  }

  private void submit(Run run) {
    call(run, run.spec.job().submit(), null, "submit", this::submitted);
  }

  /** Sends one of the job's calls and hands its answer on; a call that cannot be made fails. */
  private void call(Run run, Job.Call call, String jobId, String what, Answered answered) {
    Request request;
    try {
      request = request(run.spec, call, jobId);
    } catch (Job.BadParameter e) {
      fail(run, run.spec.refused(), e.getMessage());
      return;
    } catch (Denied e) {
      fail(run, PERMISSIONS, e.getMessage());
      return;
    }
    HttpRequest http;
    try {
      http = build(request);
    } catch (IllegalArgumentException e) {
      fail(run, run.spec.refused(), unsendable(what, request));
      return;
    }
    run.track(client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray()))
        .whenComplete(
            (response, error) ->
                guarded(run, what, () -> answered.handle(run, request, response, error)));
  }

  /** What is done with a call's answer, or with the error that came instead. */
  private interface Answered {
    void handle(Run run, Request request, HttpResponse<byte[]> response, Throwable error);
  }

  private void submitted(Run run, Request submit, HttpResponse<byte[]> response, Throwable error) {
    JobSpec spec = run.spec;
    if (error != null) {
      if (!run.cancelled) {
        fail(run, spec.socketError(), socketCause(submit, error));
      }
      return;
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      fail(run, spec.httpError(status), answer(response));
      return;
    }
    Object body;
    try {
      body = jsonBody(response);
    } catch (RuntimeException e) {
      fail(run, RUNTIME, "The submit answer is not JSON: " + e);
      return;
    }
    Object submitted = body == null ? Map.of() : body;
    String jobId = null;
    if (spec.job().jobIdPath() != null) {
      String path = spec.job().jobIdPath();
      Object scope =
          path.equals("$.submit") || path.startsWith("$.submit.") || path.startsWith("$.submit[")
              ? Map.of("submit", submitted)
              : submitted;
      Object id = JsonPath.using(CONDITIONS).parse(scope).read(path);
      if (id == null || id instanceof Map<?, ?> || id instanceof List<?>) {
        fail(
            run,
            RUNTIME,
            "Expected JobIdPath "
                + path
                + " to select a text or number in the submit answer "
                + Json.write(submitted));
        return;
      }
      jobId = id instanceof String s ? s : Json.write(id);
    }
    if (spec.endsWhenSubmitted()) {
      succeed(run, spec.submitted(jobId));
      return;
    }
    Instant at = clock.instant().plus(pollWait(run, 0));
    JobPoll next = run.poll.submitted(jobId, at, at.plus(settings.lease()));
    if (!polls.update(next)) {
      // cancelled meanwhile, or taken over and submitted again: this job is nobody's
      runs.remove(run.poll.taskKey(), run);
      callCancel(spec, jobId);
      return;
    }
    run.poll = next;
    callback(run).submitted(spec.submission(jobId, submitted));
    schedule(run);
  }

  private void schedule(Run run) {
    long nanos = Math.max(0, Duration.between(clock.instant(), run.poll.nextPollAt()).toNanos());
    synchronized (run) {
      if (run.cancelled) {
        return;
      }
      try {
        run.pending =
            scheduler.schedule(
                () -> virtualThreads.execute(() -> poll(run)), nanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        LOG.fine("Closed; the poll of " + run.poll.taskKey() + " is left to its claim running out");
      }
    }
  }

  /**
   * Fails a task whose status could not be read, and cancels its job, which may still run: a Retry
   * would otherwise submit a second job beside it.
   */
  private void abandon(Run run, String error, String cause) {
    String jobId = run.poll.jobId();
    fail(run, error, cause);
    callCancel(run.spec, jobId);
  }

  private void poll(Run run) {
    if (!run.cancelled) {
      call(run, run.spec.job().status(), run.poll.jobId(), "poll", this::polled);
    }
  }

  private void polled(Run run, Request status, HttpResponse<byte[]> response, Throwable error) {
    if (run.cancelled) {
      return;
    }
    JobSpec spec = run.spec;
    if (error != null) {
      abandon(run, spec.socketError(), socketCause(status, error));
      return;
    }
    int code = response.statusCode();
    if (code / 100 != 2) {
      abandon(run, spec.httpError(code), answer(response));
      return;
    }
    Object body;
    try {
      body = jsonBody(response);
    } catch (RuntimeException e) {
      abandon(run, RUNTIME, "The status answer is not JSON: " + e);
      return;
    }
    String jobId = run.poll.jobId();
    if (holds(spec.job().failureCondition(), body)) {
      fail(run, spec.failedError(), spec.failedCause(jobId, body));
    } else if (holds(spec.job().successCondition(), body)) {
      succeed(run, spec.succeeded(jobId, body));
    } else {
      Instant at = clock.instant().plus(pollWait(run, run.poll.polls() + 1));
      JobPoll next = run.poll.polledAgainAt(at, at.plus(settings.lease()));
      if (!polls.update(next)) {
        runs.remove(run.poll.taskKey(), run); // cancelled, or another instance carries on
        return;
      }
      run.poll = next;
      if (Boolean.TRUE.equals(next.spec().get(HEARTBEATS))) {
        callback(run).heartbeat(); // the job answered and runs: the task's HeartbeatSeconds restart
      }
      schedule(run);
    }
  }

  /**
   * The wait before the next status request: the job's interval with backoff, but at most half the
   * Task's HeartbeatSeconds when it has them, as each poll the job runs on is its heartbeat.
   */
  private Duration pollWait(Run run, int pollsMade) {
    Duration wait = units(run.spec.job().waitBefore(pollsMade));
    if (run.poll.spec().get(HEARTBEAT_MILLIS) instanceof Number heartbeat) {
      Duration half = Duration.ofMillis(heartbeat.longValue() / 2);
      return wait.compareTo(half) > 0 ? half : wait;
    }
    return wait;
  }

  /**
   * Whether a condition holds on a status answer: its result is a non-empty array, or any value
   * other than null and false. A path that selects nothing does not hold.
   */
  static boolean holds(String condition, Object document) {
    if (condition == null || document == null) {
      return false;
    }
    Object result = JsonPath.using(CONDITIONS).parse(document).read(condition);
    if (result instanceof List<?> list) {
      return !list.isEmpty();
    }
    return result != null && !Boolean.FALSE.equals(result);
  }

  private void callCancel(JobSpec spec, String jobId) {
    if (spec.job().cancel() == null) {
      return;
    }
    Request cancel;
    try {
      cancel = request(spec, spec.job().cancel(), jobId);
    } catch (Job.BadParameter | Denied e) {
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

  private void guarded(Run run, String what, Runnable handling) {
    try {
      handling.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not handle a job's " + what + " answer", e);
      try {
        fail(run, RUNTIME, "Could not " + what + " the job: " + e);
      } catch (RuntimeException again) {
        LOG.log(Level.WARNING, "The job task is left to its claim running out", again);
      }
    }
  }

  private void succeed(Run run, Object output) {
    finish(run, callback -> callback.succeeded(output));
  }

  private void fail(Run run, String error, String cause) {
    finish(run, callback -> callback.failed(error, cause));
  }

  /**
   * Removes the poll and reports the outcome in one go, only if this run's claim still holds the
   * poll: a cancelled task or one another instance took over reports nothing from here.
   */
  private void finish(Run run, Consumer<ConnectorCallback> outcome) {
    runs.remove(run.poll.taskKey(), run);
    run.stop();
    ConnectorCallback callback = callback(run);
    if (!polls.finish(run.poll, () -> outcome.accept(callback))) {
      LOG.fine("The job task " + run.poll.taskKey() + " was cancelled or taken over");
    }
  }

  /** Where the run reports: the dispatcher's callback, or the inbox for a task taken over. */
  private ConnectorCallback callback(Run run) {
    return run.callback != null ? run.callback : reporter(run.poll);
  }

  /** Reports a task this instance took over, whose dispatcher callback lived elsewhere. */
  private ConnectorCallback reporter(JobPoll poll) {
    return new ConnectorCallback() {
      @Override
      public void submitted(Object output) {
        if (takenOver != null) {
          takenOver.submitted(poll.executionArn(), poll.taskId(), output);
        }
      }

      @Override
      public void heartbeat() {
        if (takenOver != null) {
          takenOver.heartbeat(poll.executionArn(), poll.taskId());
        }
      }

      @Override
      public void succeeded(Object output) {
        if (takenOver == null) {
          LOG.warning("No one to report " + poll.taskKey() + " succeeded to");
        } else {
          takenOver.succeeded(poll.executionArn(), poll.taskId(), output);
        }
      }

      @Override
      public void failed(String error, String cause) {
        if (takenOver == null) {
          LOG.warning("No one to report " + poll.taskKey() + " failed with " + error + " to");
        } else {
          takenOver.failed(poll.executionArn(), poll.taskId(), error, cause);
        }
      }
    };
  }

  private Duration units(double units) {
    return Duration.ofNanos((long) (units * settings.pollUnit().toNanos()));
  }

  private CompletableFuture<HttpResponse<byte[]>> send(Request r) {
    HttpRequest http;
    try {
      http = build(r);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(unsendable("cancel", r)));
    }
    return client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Why a request cannot be sent, naming its headers but not their values, which may be secrets:
   * the JDK's own message quotes the value it refused.
   */
  private static String unsendable(String what, Request r) {
    return "The "
        + what
        + " request "
        + r.target()
        + " cannot be sent: a header name or value is not allowed in HTTP (a line break, or a"
        + " character outside ISO-8859-1); its headers are "
        + r.call.headers().keySet();
  }

  /** The request as the JDK client takes it; IllegalArgumentException for a header it refuses. */
  private HttpRequest build(Request r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri).timeout(settings.readTimeout());
    r.call.headers().forEach(b::header);
    if (r.call.body() == null) {
      b.method(r.call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      if (r.call.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
        b.header("Content-Type", "application/json; charset=UTF-8");
      }
      b.method(r.call.method(), HttpRequest.BodyPublishers.ofString(r.call.body()));
    }
    b.header("Accept", "application/json");
    return b.build();
  }

  private Request request(JobSpec spec, Job.Call call, String jobId)
      throws Job.BadParameter, Denied {
    String endpoint = call.endpoint();
    if (endpoint.contains("{jobId}")) {
      if (jobId == null) {
        throw new Job.BadParameter(
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
      throw new Job.BadParameter(
          "Expected ApiEndpoint to be an http or https URL, but found " + endpoint);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new Job.BadParameter(
          "Expected ApiEndpoint to be an http or https URL with a host, but found " + endpoint);
    }
    if (spec.checksEgress() && !egress.allows(uri.getHost())) {
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

  /** One task's work on this instance: its poll as last stored, and what is in flight. */
  private static final class Run {
    final JobSpec spec;
    final ConnectorCallback callback;
    volatile JobPoll poll;
    volatile boolean cancelled;
    volatile CompletableFuture<?> call;
    volatile Future<?> pending;

    Run(JobPoll poll, JobSpec spec, ConnectorCallback callback) {
      this.poll = poll;
      this.spec = spec;
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

  private record Request(URI uri, Job.Call call) {
    String target() {
      return call.method()
          + " "
          + uri.getScheme()
          + "://"
          + uri.getRawAuthority()
          + uri.getRawPath();
    }
  }

  private static final class Denied extends Exception {
    Denied(String message) {
      super(message, null, false, false);
    }
  }
}
