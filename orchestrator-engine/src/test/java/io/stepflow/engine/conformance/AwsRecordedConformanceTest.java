package io.stepflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    if (Boolean.getBoolean("conformance.writeGaps")) {
      writeGaps(failures);
    }

    // then only the known gaps fail, and every known gap still fails
    Map<String, String> known = readGaps();
    List<String> unexpected = new ArrayList<>();
    failures.forEach(
        (name, why) -> {
          if (!known.containsKey(name)) {
            unexpected.add(name + " -> " + why);
          }
        });
    List<String> fixed = known.keySet().stream().filter(k -> !failures.containsKey(k)).toList();
    assertThat(unexpected).as("cases that fail but are not in known-gaps.txt").isEmpty();
    assertThat(fixed)
        .as("cases in known-gaps.txt that pass now: remove them from the list")
        .isEmpty();
  }

  private static Path casesRoot() throws URISyntaxException {
    var url = AwsRecordedConformanceTest.class.getResource("/conformance/aws-recorded/cases");
    assertThat(url).as("the conformance cases on the test classpath").isNotNull();
    return Path.of(url.toURI());
  }

  private static Map<String, String> readGaps() {
    Map<String, String> gaps = new LinkedHashMap<>();
    try {
      if (!Files.exists(GAPS)) {
        return gaps;
      }
      for (String line : Files.readAllLines(GAPS, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.indexOf(" | ");
        gaps.put(
            bar < 0 ? line.strip() : line.substring(0, bar).strip(),
            bar < 0 ? "" : line.substring(bar + 3));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gaps;
  }

  private static void writeGaps(Map<String, String> failures) throws IOException {
    StringBuilder text =
        new StringBuilder(
            "# Recorded AWS cases the engine does not match yet: <case file> | <why>.\n"
                + "# The conformance test fails when a case outside this list fails, and when a"
                + " listed case passes.\n");
    failures.forEach((name, why) -> text.append(name).append(" | ").append(why).append('\n'));
    Files.writeString(GAPS, text.toString(), StandardCharsets.UTF_8);
  }
}
