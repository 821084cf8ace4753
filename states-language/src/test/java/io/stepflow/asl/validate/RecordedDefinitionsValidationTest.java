package io.stepflow.asl.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every definition AWS accepted and ran must validate without errors. */
class RecordedDefinitionsValidationTest {

  /**
   * The {@code shared/} folder the project is given, beside the checkout (Maven runs this test in
   * the module's folder, so that is two levels up).
   */
  private static final Path SHARED = Path.of("..", "..", "shared").toAbsolutePath().normalize();

  private static final Path CASES = SHARED.resolve("conformance/aws-recorded/cases");
  private static final String WRAPPER = "RecordedSingleState";
  private static final Path SEEDS = SHARED.resolve("seed-workflows");

  @Test
  void shouldReportNoErrorForAnyDefinitionAwsAcceptedAndRan() throws IOException {
    // given the recorded cases, when they are present
    assumeTrue(Files.isDirectory(CASES), "no recorded cases at " + CASES);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CASES)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }

    // when each template is validated
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      Map<String, Object> recorded = object(Json.parse(Files.readString(file)));
      Map<String, Object> definition = asMachine(object(recorded.get("template")));
      errors(definition).forEach(d -> failures.add(CASES.relativize(file) + ": " + d));
    }

    // then none has an error
    assertThat(files).hasSizeGreaterThan(1000);
    assertThat(failures).isEmpty();
  }

  @Test
  void shouldReportNoErrorForTheSeedWorkflows() throws IOException {
    // given the seed workflows, when they are present
    assumeTrue(Files.isDirectory(SEEDS), "no seed workflows at " + SEEDS);
    List<Path> files;
    try (Stream<Path> list = Files.list(SEEDS)) {
      files = list.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
    }

    // when each is validated
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      Map<String, Object> definition = object(Json.parse(Files.readString(file)));
      errors(definition).forEach(d -> failures.add(file.getFileName() + ": " + d));
    }

    // then none has an error
    assertThat(files).isNotEmpty();
    assertThat(failures).isEmpty();
  }

  private static List<Diagnostic> errors(Map<String, Object> definition) {
    return DefinitionValidator.validate(definition).stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .toList();
  }

  /**
   * TestState cases hold a single state: put it in a machine whose other states are the targets it
   * names, so that it is validated as part of a machine.
   */
  private static Map<String, Object> asMachine(Map<String, Object> template) {
    if (template.containsKey("States")) {
      return template;
    }
    Map<String, Object> states = new LinkedHashMap<>();
    states.put(WRAPPER, template);
    for (String target : targets(template)) {
      states.putIfAbsent(target, Map.of("Type", "Succeed"));
    }
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("StartAt", WRAPPER);
    machine.put("States", states);
    return machine;
  }

  private static List<String> targets(Map<String, Object> state) {
    List<String> targets = new ArrayList<>();
    for (String field : List.of("Next", "Default")) {
      if (state.get(field) instanceof String s) {
        targets.add(s);
      }
    }
    for (String field : List.of("Choices", "Catch")) {
      if (state.get(field) instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> m && m.get("Next") instanceof String s) {
            targets.add(s);
          }
        }
      }
    }
    return targets;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }
}
