package io.stepflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the executions recorded against AWS Step Functions (classes a and b, execution kinds) in
 * the in-memory engine. A case may fail only if {@code known-gaps.txt} lists it, and a listed case
 * that passes fails the build too, so that the list only shrinks. Run with {@code
 * -Dconformance.writeGaps=true} to rewrite the list from the current results.
 */
class AwsRecordedConformanceTest {

  private static final Path GAPS = Path.of("src/test/resources/conformance/known-gaps.txt");

  @Test
  @SuppressWarnings("unchecked")
  void shouldBehaveAsAwsRecordedForEveryCaseNotListedAsAKnownGap() throws Exception {
    // given every recorded execution of classes a and b
    Path root = casesRoot();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }

    // when each is replayed
    Map<String, String> failures = new TreeMap<>();
    int run = 0;
    int classA = 0;
    int classAPassed = 0;
    for (Path file : files) {
      Map<String, Object> c = (Map<String, Object>) Json.parse(Files.readString(file));
      String kind = (String) c.get("kind");
      String cls = (String) c.get("class");
      if (!("a".equals(cls) || "b".equals(cls)) || "test_state".equals(kind)) {
        continue;
      }
      String name = root.relativize(file).toString();
      CaseRunner.Outcome outcome = CaseRunner.run(name, c);
      run++;
      if ("a".equals(cls)) {
        classA++;
      }
      if (outcome.passed()) {
        if ("a".equals(cls)) {
          classAPassed++;
        }
      } else {
        failures.put(name, outcome.mismatch());
      }
    }
    System.out.printf(
        "conformance: %d of %d replayed cases passed (class a: %d of %d)%n",
        run - failures.size(), run, classAPassed, classA);

    // then only the known gaps fail, and every known gap still fails
    new KnownGaps(GAPS).check(failures);
  }

  private static Path casesRoot() throws URISyntaxException {
    var url = AwsRecordedConformanceTest.class.getResource("/conformance/aws-recorded/cases");
    assertThat(url).as("the conformance cases on the test classpath").isNotNull();
    return Path.of(url.toURI());
  }
}
