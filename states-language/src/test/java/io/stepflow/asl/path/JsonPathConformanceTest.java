package io.stepflow.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the AWS-recorded executions whose definitions use only Pass, Choice, Succeed and Fail
 * states in JSONPath, walking the states with {@link TinyWalker}, and compares status, output,
 * error and cause with what AWS returned.
 */
class JsonPathConformanceTest {

  private static final Path CASES = Path.of("/work/shared/conformance/aws-recorded/cases");
  private static final List<String> EXECUTION_KINDS =
      List.of("execution", "express_sync_execution", "express_async_execution");
  private static final String INTRINSIC_STUB = "Not implemented yet";
  private static final String GENERATED_UUID = "generated-uuid";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static final Map<String, Integer> TALLY = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicTest> shouldReplayRecordedExecutionsOfPassChoiceSucceedAndFailStates()
      throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CASES), "the conformance pack is not present");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CASES)) {
      walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      Map<String, Object> recorded = read(file);
      if (!EXECUTION_KINDS.contains(recorded.get("kind"))
          || !(recorded.get("template") instanceof Map<?, ?> template)
          || !TinyWalker.supports(asMap(template))) {
        continue;
      }
      String name = CASES.relativize(file).toString();
      tests.add(DynamicTest.dynamicTest(name, () -> replay(recorded)));
    }
    return tests.stream();
  }

  @AfterAll
  static void reportTally() {
    System.out.println("JSONPath conformance replay: " + new TreeMap<>(TALLY));
  }

  @SuppressWarnings("unchecked")
  private static void replay(Map<String, Object> recorded) {
    // given the recorded definition, input and outcome
    Map<String, Object> expected = asMap(recorded.get("expected"));
    String expectedError = (String) expected.get("error");
    String expectedCause = (String) expected.get("cause");
    if ("States.DataLimitExceeded".equals(expectedError)) {
      count("skipped: payload size limits belong to the engine");
      Assumptions.abort("payload size limits belong to the engine");
    }

    if (String.valueOf(recorded.get("kind")).startsWith("express")
        && Json.write(recorded.get("template")).contains("$$")) {
      count("skipped: the context object of express executions belongs to the engine");
      Assumptions.abort("the context object of express executions belongs to the engine");
    }

    // when the walker runs it
    TinyWalker.Outcome actual =
        new TinyWalker(asMap(recorded.get("template")), recorded.get("input")).run();
    if (actual.cause() != null && actual.cause().contains(INTRINSIC_STUB)) {
      count("skipped: intrinsic functions not implemented yet");
      Assumptions.abort("IntrinsicFunctions is still a stub: " + actual.cause());
    }

    // then it ends as AWS did
    count("ran");
    assertThat(actual.status())
        .as("status, cause %s", actual.cause())
        .isEqualTo(expected.get("status"));
    if ("SUCCEEDED".equals(actual.status())) {
      SnapshotNormalizer normalizer =
          new SnapshotNormalizer((List<Map<String, Object>>) recorded.get("snapshot_transformers"));
      Object normalized = normalizer.output(actual.output());
      if (Json.write(expected.get("output")).contains(GENERATED_UUID)) {
        // the recording test replaced a generated UUID without registering a transformer
        normalized = Json.parse(Json.write(normalized).replaceAll(UUID, GENERATED_UUID));
      }
      assertThat(Json.jsonEquals(normalized, expected.get("output")))
          .as(
              "Expected output %s but found %s",
              Json.write(expected.get("output")), Json.write(normalized))
          .isTrue();
    } else {
      assertThat(actual.error()).isEqualTo(expectedError);
      assertThat(SnapshotNormalizer.cause(actual.cause())).isEqualTo(expectedCause);
    }
    count("passed");
  }

  private static void count(String key) {
    TALLY.merge(key, 1, Integer::sum);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> read(Path file) {
    try {
      return asMap(Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Expected a readable case file, but could not read " + file, e);
    }
  }
}
