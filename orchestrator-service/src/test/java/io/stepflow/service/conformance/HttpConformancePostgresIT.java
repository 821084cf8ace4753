package io.stepflow.service.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.conformance.CaseVerdict;
import io.stepflow.engine.conformance.KnownGaps;
import io.stepflow.service.testsupport.FreshPostgresDatabase;
import io.stepflow.service.testsupport.SfnClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Replays the class a executions recorded against AWS Step Functions (the engine's conformance
 * pack, from its test-jar) through the AWS-compatible API on PostgreSQL: CreateStateMachine,
 * StartExecution, DescribeExecution until the end, GetExecutionHistory, then the engine's own
 * comparison ({@link CaseVerdict}). A case may fail only if {@code http-known-gaps.txt} lists it,
 * and a listed case that passes fails too ({@link KnownGaps}). Cases that would really wait (a Wait
 * longer than {@value #LONGEST_WAIT_SECONDS} s or until a future time) and cases AWS recorded
 * before they ended are skipped and counted.
 */
@FreshPostgresDatabase
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "stepflow.aws.account-id=" + HttpConformancePostgresIT.ACCOUNT)
class HttpConformancePostgresIT {

  /** The account the pack's recordings name; the service puts it in every ARN. */
  static final String ACCOUNT = "111111111111";

  private static final String PACK = "/conformance/aws-recorded/";
  private static final Path GAPS = Path.of("src/test/resources/conformance/http-known-gaps.txt");
  private static final int CONCURRENT_CASES = 16;
  private static final long LONGEST_WAIT_SECONDS = 5;
  private static final Duration CASE_DEADLINE = Duration.ofSeconds(30);
  private static final String MACHINE = "${stateMachineName}";
  private static final String EXECUTION = "${executionName}";
  private static final String ROLE = "${roleArn}";
  private static final String FORBIDDEN_IN_NAMES = "<>{}[]?*\"#%\\^|~`$&,;:/";
  private static final Pattern JSONATA_INPUT =
      Pattern.compile("\\{%\\s*\\$states\\.input((?:\\.\\w+)*)\\s*%}");
  private static final Pattern JSONPATH_INPUT = Pattern.compile("\\$((?:\\.\\w+)+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

  @LocalServerPort int port;

  @Test
  void shouldBehaveAsAwsRecordedThroughTheApiForEveryClassAExecutionNotListedAsAKnownGap()
      throws Exception {
    // given every class a execution of the pack, each under a state machine name of its own
    List<Case> cases = new ArrayList<>();
    Map<String, String> skipped = new TreeMap<>();
    Set<String> machineNames = new HashSet<>();
    int total = 0;
    for (Map<String, Object> entry : index()) {
      if (!"a".equals(entry.get("class")) || !"execution".equals(entry.get("kind"))) {
        continue;
      }
      total++;
      String file = (String) entry.get("file");
      String name = file.substring("cases/".length());
      Map<String, Object> c = read(PACK + file);
      String skip = skipReason(c);
      if (skip != null) {
        skipped.put(name, skip);
      } else {
        cases.add(plan(name, c, cases.size(), machineNames));
      }
    }

    // when each is replayed through the API, CONCURRENT_CASES at a time
    Map<String, String> failures = new ConcurrentHashMap<>();
    try (SfnClient sfn = SfnClients.local(port);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CASES)) {
      List<Future<?>> running = new ArrayList<>();
      for (Case c : cases) {
        running.add(
            pool.submit(
                () -> {
                  String mismatch = replay(sfn, c);
                  if (mismatch != null) {
                    failures.put(c.name(), mismatch);
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    System.out.printf(
        "http conformance (PostgreSQL): %d of %d class a execution cases passed, %d skipped%n",
        cases.size() - failures.size(), total, skipped.size());
    skipped.forEach((name, why) -> System.out.println("  skipped " + name + ": " + why));

    // then only the known gaps fail, and every known gap still fails
    assertThat(cases).as("class a execution cases replayed").isNotEmpty();
    new KnownGaps(GAPS).check(new TreeMap<>(failures));
  }

  /** One case ready to replay: the names to use and the case with transformers for them. */
  private record Case(
      String name,
      Map<String, Object> c,
      String machineName,
      String executionName,
      String roleArn) {}

  /**
   * Names the case's machine and execution as AWS's recording did when the name fits AWS's rules
   * and no earlier case took it; otherwise generates one and adds a transformer that turns it into
   * the recording's placeholder, so that the comparison normalises it as it would the recorded one.
   */
  @SuppressWarnings("unchecked")
  private static Case plan(String name, Map<String, Object> c, int n, Set<String> machineNames) {
    List<Map<String, Object>> transformers =
        new ArrayList<>(
            (List<Map<String, Object>>) c.getOrDefault("snapshot_transformers", List.of()));
    String machine = pattern(transformers, MACHINE);
    String machineName = machine;
    if (machine == null || !fitsAwsName(machine) || !machineNames.add(machine)) {
      machineName = "conformance-machine-" + n;
      aliasOf(transformers, MACHINE, machineName);
    }
    String execution = pattern(transformers, EXECUTION);
    String executionName = execution;
    if (execution == null || !fitsAwsName(execution)) {
      executionName = "conformance-execution";
      aliasOf(transformers, EXECUTION, executionName);
    }
    String role = pattern(transformers, ROLE);
    String roleArn = role != null ? role : "arn:aws:iam::" + ACCOUNT + ":role/conformance";
    Map<String, Object> withNames = new LinkedHashMap<>(c);
    withNames.put("snapshot_transformers", transformers);
    return new Case(name, withNames, machineName, executionName, roleArn);
  }

  private static String replay(SfnClient sfn, Case c) {
    String step = "CreateStateMachine";
    try {
      String machineArn =
          sfn.createStateMachine(
                  b ->
                      b.name(c.machineName())
                          .roleArn(c.roleArn())
                          .definition(Json.write(c.c().get("template"))))
              .stateMachineArn();
      step = "StartExecution";
      String executionArn =
          sfn.startExecution(
                  b ->
                      b.stateMachineArn(machineArn)
                          .name(c.executionName())
                          .input(Json.write(c.c().get("input"))))
              .executionArn();
      step = "DescribeExecution of " + executionArn;
      DescribeExecutionResponse end = awaitEnd(sfn, executionArn);
      step = "GetExecutionHistory of " + executionArn;
      boolean reverse = readsHistoryInReverse(c.c());
      List<String> types = new ArrayList<>();
      sfn.getExecutionHistoryPaginator(
              b ->
                  b.executionArn(executionArn)
                      .maxResults(1000)
                      .includeExecutionData(false)
                      .reverseOrder(reverse))
          .events()
          .forEach((HistoryEvent e) -> types.add(e.typeAsString()));
      var actual =
          new CaseVerdict.Actual(
              end.statusAsString(),
              end.output() == null ? null : Json.parse(end.output()),
              end.error(),
              end.cause(),
              types);
      return CaseVerdict.compare(c.c(), actual);
    } catch (RuntimeException e) {
      return step + " threw " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
    }
  }

  /**
   * True when the recording read the history newest first: its snapshot key says {@code
   * reverseOrder[True]}, and then the recorded event types are in that order.
   */
  @SuppressWarnings("unchecked")
  private static boolean readsHistoryInReverse(Map<String, Object> c) {
    Map<String, Object> source = (Map<String, Object>) c.getOrDefault("source", Map.of());
    List<Object> keys = (List<Object>) source.getOrDefault("snapshot_keys", List.of());
    return keys.stream().anyMatch(k -> String.valueOf(k).endsWith("reverseOrder[True]"));
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
    Instant deadline = Instant.now().plus(CASE_DEADLINE);
    long pause = 20;
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return d;
      }
      pause = Math.min(pause * 2, 250);
    }
  }

  /** Why the case is not replayed, or null. */
  @SuppressWarnings("unchecked")
  private static String skipReason(Map<String, Object> c) {
    Map<String, Object> expected = (Map<String, Object>) c.get("expected");
    if ("NOT_TERMINATED_IN_SNAPSHOT".equals(expected.get("status"))) {
      return "AWS recorded it still running (NOT_TERMINATED_IN_SNAPSHOT)";
    }
    Map<String, Object> template = (Map<String, Object>) c.get("template");
    if (template.get("TimeoutSeconds") instanceof Number timeout
        && timeout.doubleValue() <= LONGEST_WAIT_SECONDS) {
      return null; // the execution times out before any Wait could be long
    }
    List<Map<String, Object>> waits = new ArrayList<>();
    Map<String, Object> variables = new LinkedHashMap<>();
    collect(template, waits, variables);
    for (Map<String, Object> wait : waits) {
      String why = longWait(wait, c.get("input"), variables);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /**
   * Whether a Wait state would really wait long. Seconds, SecondsPath, Timestamp and TimestampPath
   * are resolved in the forms the pack uses: a literal, a path into the execution's input, a
   * variable assigned by a literal, or JSONata that reads {@code $states.input}.
   */
  private static String longWait(
      Map<String, Object> wait, Object input, Map<String, Object> variables) {
    Object seconds = resolve(first(wait, "Seconds", "SecondsPath"), input, variables);
    if (seconds instanceof Number n && n.doubleValue() > LONGEST_WAIT_SECONDS) {
      return "a Wait of " + n + " s";
    }
    Object timestamp = resolve(first(wait, "Timestamp", "TimestampPath"), input, variables);
    if (timestamp instanceof String text) {
      try {
        Instant until = OffsetDateTime.parse(text).toInstant();
        if (until.isAfter(Instant.now().plusSeconds(LONGEST_WAIT_SECONDS))) {
          return "a Wait until " + text + ", in the future";
        }
      } catch (DateTimeParseException notATimestamp) {
        // the execution fails on it without waiting
      }
    }
    return null;
  }

  private static Object first(Map<String, Object> wait, String literal, String path) {
    if (wait.containsKey(literal)) {
      Object value = wait.get(literal);
      return value instanceof String s && s.startsWith("{%") ? new Reference(s) : value;
    }
    return wait.containsKey(path) ? new Reference((String) wait.get(path)) : null;
  }

  private record Reference(String text) {}

  @SuppressWarnings("unchecked")
  private static Object resolve(Object value, Object input, Map<String, Object> variables) {
    if (!(value instanceof Reference(String text))) {
      return value;
    }
    Matcher jsonata = JSONATA_INPUT.matcher(text);
    Matcher path = JSONPATH_INPUT.matcher(text);
    String keys = jsonata.matches() ? jsonata.group(1) : path.matches() ? path.group(1) : null;
    if (keys != null) {
      Object node = input;
      for (String key : keys.split("\\.")) {
        if (!key.isEmpty()) {
          node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
      }
      return node;
    }
    Matcher variable = VARIABLE.matcher(text);
    return variable.matches() ? variables.get(variable.group(1)) : null;
  }

  @SuppressWarnings("unchecked")
  private static void collect(
      Object node, List<Map<String, Object>> waits, Map<String, Object> variables) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      if ("Wait".equals(m.get("Type"))) {
        waits.add(m);
      }
      if (m.get("Assign") instanceof Map<?, ?> assign) {
        variables.putAll((Map<String, Object>) assign);
      }
      m.values().forEach(v -> collect(v, waits, variables));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collect(v, waits, variables));
    }
  }

  private static String pattern(List<Map<String, Object>> transformers, String symbol) {
    for (Map<String, Object> t : transformers) {
      if (symbol.equals(t.get("symbolic"))) {
        return (String) t.get("pattern");
      }
    }
    return null;
  }

  /**
   * Puts, right after the case's first transformer for {@code symbol}, one that gives {@code name}
   * the same placeholder.
   */
  private static void aliasOf(List<Map<String, Object>> transformers, String symbol, String name) {
    for (int i = 0; i < transformers.size(); i++) {
      Map<String, Object> t = transformers.get(i);
      if (symbol.equals(t.get("symbolic"))) {
        Map<String, Object> alias = new LinkedHashMap<>();
        alias.put("type", "regex");
        alias.put("pattern", Pattern.quote(name));
        alias.put("replacement", t.get("replacement"));
        transformers.add(i + 1, alias);
        return;
      }
    }
  }

  /** AWS's rule for state machine and execution names. */
  private static boolean fitsAwsName(String name) {
    return !name.isEmpty()
        && name.length() <= 80
        && name.codePoints()
            .noneMatch(
                ch ->
                    Character.isWhitespace(ch)
                        || Character.isISOControl(ch)
                        || FORBIDDEN_IN_NAMES.indexOf(ch) >= 0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> index() {
    return (List<Map<String, Object>>) Json.parse(text(PACK + "cases_index.json"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String resource) {
    return (Map<String, Object>) Json.parse(text(resource));
  }

  private static String text(String resource) {
    try (InputStream in = HttpConformancePostgresIT.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the test classpath (the engine's test-jar)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String oneLine(String text) {
    return text == null ? "null" : text.replace('\n', ' ').replace('\r', ' ');
  }
}
