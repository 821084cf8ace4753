package io.stepflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the TestState calls recorded against AWS Step Functions (classes a and b) through {@link
 * io.stepflow.engine.TestState}, comparing status, output, error, cause, nextState and
 * inspectionData. A case may fail only if {@code known-gaps-test-state.txt} lists it, and a listed
 * case that passes fails too (see {@link KnownGaps}).
 */
class AwsRecordedTestStateConformanceTest {

  private static final Path GAPS =
      Path.of("src/test/resources/conformance/known-gaps-test-state.txt");

  @Test
  @SuppressWarnings("unchecked")
  void shouldAnswerTestStateAsAwsRecordedForEveryCaseNotListedAsAKnownGap() throws Exception {
    // given every recorded TestState call of classes a and b
    var url = getClass().getResource("/conformance/aws-recorded/cases");
    assertThat(url).as("the conformance cases on the test classpath").isNotNull();
    Path root = Path.of(url.toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root.resolve("test_state"))) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }

    // when each is replayed
    Map<String, String> failures = new TreeMap<>();
    int run = 0;
    int classA = 0;
    int classAPassed = 0;
    for (Path file : files) {
      Map<String, Object> c = (Map<String, Object>) Json.parse(Files.readString(file));
      String cls = (String) c.get("class");
      if (!"test_state".equals(c.get("kind")) || !("a".equals(cls) || "b".equals(cls))) {
        continue;
      }
      String name = root.relativize(file).toString();
      CaseRunner.Outcome outcome = TestStateCaseRunner.run(name, c);
      run++;
      classA += "a".equals(cls) ? 1 : 0;
      if (outcome.passed()) {
        classAPassed += "a".equals(cls) ? 1 : 0;
      } else {
        failures.put(name, outcome.mismatch());
      }
    }
    System.out.printf(
        "test_state conformance: %d of %d replayed cases passed (class a: %d of %d)%n",
        run - failures.size(), run, classAPassed, classA);

    // then only the known gaps fail, and every known gap still fails
    new KnownGaps(GAPS).check(failures);
  }
}
