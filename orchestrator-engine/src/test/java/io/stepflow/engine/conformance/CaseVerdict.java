package io.stepflow.engine.conformance;

import io.stepflow.asl.Definitions;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.ParallelState;
import io.stepflow.asl.model.State;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.validate.ResourceCheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what a runtime did with one recorded case against what AWS recorded: status, output,
 * error, cause and the visible history event types, after the pack's normalisation. Shared by the
 * in-memory replay ({@link CaseRunner}) and replays through the service's API.
 */
public final class CaseVerdict {

  /**
   * What a runtime did with a case.
   *
   * @param status the execution's status name (SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING)
   * @param output the parsed output, or null
   * @param error the error of the terminal event, or null
   * @param cause the cause text of the terminal event, or null
   * @param eventTypes the types of the visible history events in order
   */
  public record Actual(
      String status, Object output, String error, String cause, List<String> eventTypes) {}

  private CaseVerdict() {}

  /**
   * The first difference between {@code actual} and the expectation of case {@code c} (a case file
   * parsed), or null when they match. The case's {@code snapshot_transformers} normalise the actual
   * values; placeholders in the expectation are wildcards.
   */
  @SuppressWarnings("unchecked")
  public static String compare(Map<String, Object> c, Actual actual) {
    Map<String, Object> expected = (Map<String, Object>) c.get("expected");
    List<Map<String, Object>> transformers =
        (List<Map<String, Object>>) c.getOrDefault("snapshot_transformers", List.of());
    Normalizer normalizer = new Normalizer(transformers, CaseRunner.REGION);
    String expectedStatus = (String) expected.get("status");
    String actualStatus = actual.status();
    if ("NOT_TERMINATED_IN_SNAPSHOT".equals(expectedStatus)) {
      if (!"RUNNING".equals(actualStatus)) {
        return "status: expected still running, got " + actualStatus;
      }
    } else if (!expectedStatus.equals(actualStatus)) {
      return "status: expected " + expectedStatus + ", got " + actualStatus + errorText(actual);
    }
    if ("SUCCEEDED".equals(expectedStatus)) {
      Object output = normalizer.replaceOutputValues(normalizer.normalize(actual.output()));
      if (!Normalizer.matches(expected.get("output"), output)) {
        return "output: expected "
            + CaseRunner.clip(Json.write(expected.get("output")))
            + ", got "
            + CaseRunner.clip(Json.write(output));
      }
    }
    if ("FAILED".equals(expectedStatus) || "TIMED_OUT".equals(expectedStatus)) {
      String error = normalizer.normalizeText(actual.error());
      if (!Normalizer.matches(expected.get("error"), error)) {
        return "error: expected " + expected.get("error") + ", got " + error;
      }
      Object expectedCause = expected.get("cause");
      Object actualCause = normalizer.normalizeText(actual.cause());
      if (Boolean.TRUE.equals(expected.get("cause_is_json"))
          && actualCause instanceof String text) {
        try {
          actualCause = normalizer.normalize(Json.parse(text));
        } catch (RuntimeException notJson) {
          // compare as text
        }
      }
      if (!Normalizer.matches(expectedCause, actualCause)) {
        return "cause: expected "
            + CaseRunner.clip(String.valueOf(expectedCause))
            + ", got "
            + CaseRunner.clip(String.valueOf(actualCause));
      }
    }
    List<String> expectedEvents = (List<String>) expected.get("events");
    if (expectedEvents != null) {
      List<String> want = new ArrayList<>(expectedEvents);
      List<String> got = new ArrayList<>(actual.eventTypes());
      if (hasParallel(c)) {
        // inside a Parallel state the pack sorted the recorded events: compare as a multiset
        Collections.sort(want);
        Collections.sort(got);
      }
      if (!want.equals(got)) {
        return "events: expected "
            + CaseRunner.clip(String.valueOf(expectedEvents))
            + ", got "
            + CaseRunner.clip(String.valueOf(got));
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static boolean hasParallel(Map<String, Object> c) {
    StateMachine machine;
    try {
      machine =
          Definitions.load(
              (Map<String, Object>) Json.deepCopy(c.get("template")), ResourceCheck.ANY);
    } catch (RuntimeException notLoadable) {
      return false;
    }
    return hasParallel(machine);
  }

  private static boolean hasParallel(StateMachine machine) {
    for (State st : machine.states().values()) {
      if (st instanceof ParallelState) {
        return true;
      }
      if (st instanceof MapState map && hasParallel(map.processor())) {
        return true;
      }
    }
    return false;
  }

  private static String errorText(Actual actual) {
    return actual.error() == null
        ? ""
        : " (" + actual.error() + ": " + CaseRunner.clip(Objects.toString(actual.cause())) + ")";
  }
}
