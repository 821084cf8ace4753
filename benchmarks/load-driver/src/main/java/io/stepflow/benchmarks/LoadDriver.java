package io.stepflow.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Load on a running Stepflow service through the AWS Step Functions API: creates a machine of ten
 * Pass and Choice states, starts N executions from K concurrent clients, waits until all have
 * ended, and prints executions/s, state transitions/s and the start-to-finish latency (the
 * service's startDate to its stopDate).
 *
 * <p>Options: {@code --endpoint http://127.0.0.1:8080 --executions 2000 --clients 16 --warmup 200
 * --timeout 600 --client raw|sdk --machine pass|http|wait --service-pid PID}: {@code --machine
 * http} runs Pass, an {@code http:invoke} Task against a server in the driver, Pass instead of the
 * ten Pass and Choice states, {@code --machine wait} Pass, a one-second Wait, Pass; {@code --client sdk} starts executions through the AWS SDK instead of a
 * raw HTTP client, {@code --service-pid} adds the service's CPU time per execution to the figures
 * (load.sh passes it). Exits 1 when an execution does not succeed or the run does not end in time.
 */
public final class LoadDriver {

  private LoadDriver() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Options.parse(args);
    String endpoint = options.getOrDefault("endpoint", "http://127.0.0.1:8080");
    int executions = Integer.parseInt(options.getOrDefault("executions", "2000"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "600")));
    long servicePid = Long.parseLong(options.getOrDefault("service-pid", "0"));
    boolean sdkStarts = "sdk".equals(options.getOrDefault("client", "raw"));
    String kind = options.getOrDefault("machine", "pass");
    if (!kind.equals("pass") && !kind.equals("http") && !kind.equals("wait")) {
      throw new IllegalArgumentException(
          "Expected --machine pass, http or wait, but found " + kind);
    }
    com.sun.net.httpserver.HttpServer api = kind.equals("http") ? localApi() : null;
    String definition =
        switch (kind) {
          case "http" -> httpDefinition(api.getAddress().getPort());
          case "wait" -> waitDefinition();
          default -> definition();
        };

    try (SfnClient sfn = client(endpoint, clients)) {
      String role = "arn:aws:iam::123456789012:role/stepflow-load";
      long stamp = System.currentTimeMillis();
      if (warmup > 0) {
        String warm =
            sfn.createStateMachine(
                    b -> b.name("load-warmup-" + stamp).roleArn(role).definition(definition))
                .stateMachineArn();
        System.out.printf("warm-up: %d executions%n", warmup);
        run(sfn, endpoint, sdkStarts, warm, warmup, clients, timeout);
      }
      String machine =
          sfn.createStateMachine(b -> b.name("load-" + stamp).roleArn(role).definition(definition))
              .stateMachineArn();
      System.out.printf(
          "run: %d executions from %d clients (StartExecution through %s)%n",
          executions, clients, sdkStarts ? "the AWS SDK for Java" : "a raw HTTP/1.1 client");
      CpuTimes before = CpuTimes.now(servicePid);
      Result result = run(sfn, endpoint, sdkStarts, machine, executions, clients, timeout);
      CpuTimes used = CpuTimes.now(servicePid).minus(before);
      int entered = statesEnteredPerExecution(sfn, result.items);
      result.print(executions, entered);
      used.print(executions, entered);
      if (api != null) {
        System.out.printf(
            "http:invoke tasks/s: %.1f (one per execution, against a JDK HttpServer in the"
                + " driver)%n",
            result.perSecond());
        api.stop(0);
      }
      if (result.failed() > 0) {
        System.exit(1);
      }
    }
  }

  /**
   * Pass, an {@code http:invoke} Task against the driver's own HTTP server, Pass: a Task state's
   * whole path (the outbox, the HTTP connector, the outcome through the inbox) once per execution.
   */
  /** Pass, a one-second Wait (a timer stored with the transition and fired by Quartz), Pass. */
  static String waitDefinition() {
    return """
        {"StartAt":"Before","States":{
          "Before":{"Type":"Pass","Parameters":{"i.$":"$.i"},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"After"},
          "After":{"Type":"Pass","End":true}}}
        """;
  }

  static String httpDefinition(int port) {
    return """
        {"StartAt":"Before","States":{
          "Before":{"Type":"Pass","Parameters":{"i.$":"$.i"},"Next":"Call"},
          "Call":{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{
            "ApiEndpoint":"http://127.0.0.1:%d/work","Method":"POST","RequestBody":{"i.$":"$.i"}},
            "ResultSelector":{"status.$":"$.StatusCode"},"Next":"After"},
          "After":{"Type":"Pass","End":true}}}
        """
        .formatted(port);
  }

  /** A local API that answers every POST at once with a small JSON body, on virtual threads. */
  private static com.sun.net.httpserver.HttpServer localApi() throws java.io.IOException {
    var server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 256);
    byte[] answer = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return server;
  }

  /** Ten states, each entered once: Pass and Choice in turn, the Pass states with Parameters. */
  static String definition() {
    StringBuilder states = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      states.append(
          """
          "P%1$d":{"Type":"Pass","Parameters":{"i.$":"$.i","hop":%1$d,"tag":"load"},"Next":"C%1$d"},
          "C%1$d":{"Type":"Choice","Choices":[{"Variable":"$.hop","NumericEquals":%1$d,\
          "Next":"P%2$d"}],"Default":"P%2$d"},
          """
              .formatted(i, i + 1));
    }
    states.append(
        """
        "P5":{"Type":"Pass","Parameters":{"i.$":"$.i","hop":5},"Next":"P6"},
        "P6":{"Type":"Pass","Parameters":{"i.$":"$.i","done":true},"End":true}
        """);
    return "{\"StartAt\":\"P1\",\"States\":{" + states + "}}";
  }

  private static Result run(
      SfnClient sfn,
      String endpoint,
      boolean sdkStarts,
      String machine,
      int count,
      int clients,
      Duration timeout)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                try (RawAwsJsonClient raw = new RawAwsJsonClient(URI.create(endpoint))) {
                  int i;
                  while ((i = next.getAndIncrement()) < count) {
                    int n = i;
                    try {
                      if (sdkStarts) {
                        sfn.startExecution(
                            b ->
                                b.stateMachineArn(machine)
                                    .name("e-" + n)
                                    .input("{\"i\":" + n + "}"));
                      } else {
                        startRaw(raw, machine, n);
                      }
                    } catch (RuntimeException | java.io.IOException e) {
                      errors.add(e);
                    }
                  }
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    long startsDone = System.nanoTime();
    Instant deadline = Instant.now().plus(timeout);
    while (!sfn.listExecutions(
            b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING).maxResults(1))
        .executions()
        .isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Executions still running after " + timeout);
      }
      Thread.sleep(20);
    }
    long t1 = System.nanoTime();
    List<ExecutionListItem> items = new ArrayList<>();
    sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(1000))
        .executions()
        .forEach(items::add);
    return new Result(items, errors.size(), t1 - t0, startsDone - t0);
  }

  private static void startRaw(RawAwsJsonClient raw, String machine, int n)
      throws java.io.IOException {
    String body =
        "{\"stateMachineArn\":\""
            + machine
            + "\",\"name\":\"e-"
            + n
            + "\",\"input\":\"{\\\"i\\\":"
            + n
            + "}\"}";
    RawAwsJsonClient.Response response = raw.post("StartExecution", body);
    if (response.status() != 200 || !response.body().contains("executionArn")) {
      throw new IllegalStateException(
          "Expected StartExecution to answer 200 with an executionArn, but it answered "
              + response.status()
              + ": "
              + response.body());
    }
  }

  /** Counts *StateEntered events in the histories of up to 20 executions; all should agree. */
  private static int statesEnteredPerExecution(SfnClient sfn, List<ExecutionListItem> items) {
    int entered = -1;
    for (ExecutionListItem item : items.subList(0, Math.min(20, items.size()))) {
      List<HistoryEvent> events = new ArrayList<>();
      sfn.getExecutionHistoryPaginator(b -> b.executionArn(item.executionArn()).maxResults(1000))
          .events()
          .forEach(events::add);
      int n = (int) events.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
      if (entered >= 0 && n != entered) {
        throw new IllegalStateException(
            "Expected every execution to enter " + entered + " states, but one entered " + n);
      }
      entered = n;
    }
    return entered;
  }

  private static SfnClient client(String endpoint, int clients) {
    return SfnClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("load", "load")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(clients + 4))
        .build();
  }

  /** What one run measured. */
  private record Result(
      List<ExecutionListItem> items, int startErrors, long wallNanos, long startNanos) {

    /** Executions per second, from the first startDate to the last stopDate. */
    double perSecond() {
      Instant first =
          items.stream()
              .map(ExecutionListItem::startDate)
              .min(Comparator.naturalOrder())
              .orElseThrow();
      Instant last =
          items.stream()
              .map(ExecutionListItem::stopDate)
              .filter(java.util.Objects::nonNull)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      return items.size() / (Duration.between(first, last).toNanos() / 1e9);
    }

    int failed() {
      return (int) items.stream().filter(i -> i.status() != ExecutionStatus.SUCCEEDED).count()
          + startErrors;
    }

    void print(int requested, int enteredPerExecution) {
      List<Long> latencies =
          items.stream()
              .filter(i -> i.stopDate() != null)
              .map(i -> Duration.between(i.startDate(), i.stopDate()).toMillis())
              .sorted()
              .toList();
      double perSecond = perSecond();
      double serverSeconds = items.size() / perSecond;
      double wallSeconds = wallNanos / 1e9;
      System.out.printf(
          "machine: %d cores (Runtime.availableProcessors)%n",
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          "executions: %d requested, %d listed, %d not SUCCEEDED, %d start errors%n",
          requested, items.size(), failed(), startErrors);
      System.out.printf(
          "time: %.2f s from first startDate to last stopDate (server clock); %.2f s wall, of which"
              + " starting took %.2f s%n",
          serverSeconds, wallSeconds, startNanos / 1e9);
      System.out.printf("executions/s: %.1f%n", perSecond);
      System.out.printf(
          "state transitions/s: %.1f (%d *StateEntered events per execution)%n",
          perSecond * enteredPerExecution, enteredPerExecution);
      System.out.printf(
          "start-to-finish latency: p50 %d ms, p99 %d ms, max %d ms%n",
          percentile(latencies, 50), percentile(latencies, 99), latencies.getLast());
    }

    private static long percentile(List<Long> sorted, int p) {
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
  }

  /**
   * CPU time used by the service, PostgreSQL (all its processes) and this driver, read from /proc:
   * on a shared, noisy machine, CPU time per execution says more than wall-clock rates.
   */
  record CpuTimes(double service, double postgres, double driver, double machine) {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    static CpuTimes now(long servicePid) {
      java.nio.file.Path proc = java.nio.file.Path.of("/proc");
      if (!java.nio.file.Files.isDirectory(proc)) {
        return new CpuTimes(0, 0, 0, 0);
      }
      double postgres = 0;
      try (var pids = java.nio.file.Files.list(proc)) {
        for (java.nio.file.Path dir : pids.toList()) {
          String name = dir.getFileName().toString();
          if (name.chars().allMatch(Character::isDigit) && "postgres".equals(comm(dir))) {
            postgres += seconds(dir);
          }
        }
      } catch (java.io.IOException e) {
        postgres = 0;
      }
      double service = servicePid > 0 ? seconds(proc.resolve(Long.toString(servicePid))) : 0;
      double driver = seconds(proc.resolve(Long.toString(ProcessHandle.current().pid())));
      return new CpuTimes(service, postgres, driver, machineSeconds());
    }

    CpuTimes minus(CpuTimes earlier) {
      return new CpuTimes(
          service - earlier.service,
          postgres - earlier.postgres,
          driver - earlier.driver,
          machine - earlier.machine);
    }

    void print(int executions, int transitionsPerExecution) {
      if (machine <= 0) {
        return;
      }
      System.out.printf(
          "cpu per execution: service %.2f ms, PostgreSQL %.2f ms, driver %.2f ms; the whole"
              + " machine %.2f ms (includes anything else running)%n",
          1000 * service / executions,
          1000 * postgres / executions,
          1000 * driver / executions,
          1000 * machine / executions);
      System.out.printf(
          "transitions/s if service and PostgreSQL had the %d cores to themselves: %.0f%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors()
              * (double) transitionsPerExecution
              * executions
              / (service + postgres));
    }

    private static String comm(java.nio.file.Path dir) {
      try {
        return java.nio.file.Files.readString(dir.resolve("comm")).trim();
      } catch (java.io.IOException e) {
        return "";
      }
    }

    /** utime + stime of one process, in seconds; 0 when it is gone. */
    private static double seconds(java.nio.file.Path dir) {
      try {
        String stat = java.nio.file.Files.readString(dir.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is f[0]; utime is field 14 of stat, so f[11]; stime f[12]
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
      } catch (java.io.IOException | RuntimeException e) {
        return 0;
      }
    }

    /** Busy time of all CPUs (user, nice, system, irq, softirq), in seconds. */
    private static double machineSeconds() {
      try {
        String[] f =
            java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                .get(0)
                .trim()
                .split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {
          busy += Long.parseLong(f[i]);
        }
        return busy / TICKS;
      } catch (java.io.IOException | RuntimeException e) {
        return 0;
      }
    }
  }

  /** {@code --key value} pairs. */
  static final class Options {
    static Map<String, String> parse(String[] args) {
      Map<String, String> options = new java.util.HashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("Expected --key value pairs, but found " + args[i]);
        }
        options.put(args[i].substring(2), args[i + 1]);
      }
      return options;
    }
  }
}
