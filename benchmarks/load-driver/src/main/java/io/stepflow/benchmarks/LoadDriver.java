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
 * --timeout 600}. Exits 1 when an execution does not succeed or the run does not end in time.
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

    try (SfnClient sfn = client(endpoint, clients)) {
      String role = "arn:aws:iam::123456789012:role/stepflow-load";
      long stamp = System.currentTimeMillis();
      if (warmup > 0) {
        String warm =
            sfn.createStateMachine(
                    b -> b.name("load-warmup-" + stamp).roleArn(role).definition(definition()))
                .stateMachineArn();
        System.out.printf("warm-up: %d executions%n", warmup);
        run(sfn, warm, warmup, clients, timeout);
      }
      String machine =
          sfn.createStateMachine(
                  b -> b.name("load-" + stamp).roleArn(role).definition(definition()))
              .stateMachineArn();
      System.out.printf("run: %d executions from %d clients%n", executions, clients);
      Result result = run(sfn, machine, executions, clients, timeout);
      int entered = statesEnteredPerExecution(sfn, result.items);
      result.print(executions, entered);
      if (result.failed() > 0) {
        System.exit(1);
      }
    }
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

  private static Result run(SfnClient sfn, String machine, int count, int clients, Duration timeout)
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
                int i;
                while ((i = next.getAndIncrement()) < count) {
                  int n = i;
                  try {
                    sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("e-" + n).input("{\"i\":" + n + "}"));
                  } catch (RuntimeException e) {
                    errors.add(e);
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
      double serverSeconds = Duration.between(first, last).toNanos() / 1e9;
      double wallSeconds = wallNanos / 1e9;
      double perSecond = items.size() / serverSeconds;
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
