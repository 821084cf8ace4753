package io.stepflow.engine.conformance;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.TestState;
import io.stepflow.engine.TestStateResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Replays one recorded TestState call and says how the response differs from AWS's, if at all. */
final class TestStateCaseRunner {

  private TestStateCaseRunner() {}

  @SuppressWarnings("unchecked")
  static CaseRunner.Outcome run(String file, Map<String, Object> c) {
    Map<String, Object> expected = (Map<String, Object>) c.get("expected");
    Map<String, Object> args = (Map<String, Object>) c.get("test_state_args");
    List<Map<String, Object>> transformers =
        (List<Map<String, Object>>) c.getOrDefault("snapshot_transformers", List.of());
    try {
      TestState.Options options =
          TestState.Options.defaults()
              .withClock(Clock.fixed(Instant.parse("2024-07-02T13:52:02Z"), ZoneOffset.UTC))
              .withAccount(CaseRunner.REGION, CaseRunner.ACCOUNT)
              .withRoleArn("arn:aws:iam::" + CaseRunner.ACCOUNT + ":role/conformance")
              .withContext((Map<String, Object>) jsonText(args.get("context")))
              .withStateConfiguration((Map<String, Object>) args.get("stateConfiguration"))
              .withDispatcher(new LambdaStub((List<Map<String, Object>>) c.get("lambdas")));
      TestStateResult result =
          TestState.run(
              Json.write(c.get("template")),
              (String) args.get("stateName"),
              Json.deepCopy(c.get("input")),
              (Map<String, Object>) jsonText(args.get("variables")),
              (String) args.get("inspectionLevel"),
              args.get("mock"),
              options);
      return new CaseRunner.Outcome(file, compare(expected, transformers, result));
    } catch (RuntimeException e) {
      return new CaseRunner.Outcome(
          file, "threw " + e.getClass().getSimpleName() + ": " + CaseRunner.clip(e.getMessage()));
    }
  }

  private static Object jsonText(Object value) {
    return value instanceof String text ? Json.parse(text) : value;
  }

  @SuppressWarnings("unchecked")
  private static String compare(
      Map<String, Object> expected,
      List<Map<String, Object>> transformers,
      TestStateResult result) {
    Normalizer normalizer = new Normalizer(transformers, CaseRunner.REGION);
    if (!Objects.equals(expected.get("status"), result.status())) {
      return "status: expected "
          + expected.get("status")
          + ", got "
          + result.status()
          + (result.error() == null
              ? ""
              : " (" + result.error() + ": " + CaseRunner.clip(result.cause()) + ")");
    }
    Object output = result.output() == null ? null : normalizer.normalize(result.output());
    if (!Normalizer.matches(expected.get("output"), output)) {
      return "output: expected "
          + CaseRunner.clip(Json.write(expected.get("output")))
          + ", got "
          + CaseRunner.clip(Json.write(output));
    }
    String error = normalizer.normalizeText(result.error());
    if (!Normalizer.matches(expected.get("error"), error)) {
      return "error: expected " + expected.get("error") + ", got " + error;
    }
    Object cause = normalizer.normalizeText(result.cause());
    if (Boolean.TRUE.equals(expected.get("cause_is_json")) && cause instanceof String text) {
      try {
        cause = normalizer.normalize(Json.parse(text));
      } catch (RuntimeException notJson) {
        // compare as text
      }
    }
    if (!Normalizer.matches(expected.get("cause"), cause)) {
      return "cause: expected "
          + CaseRunner.clip(String.valueOf(expected.get("cause")))
          + ", got "
          + CaseRunner.clip(String.valueOf(cause));
    }
    if (!Objects.equals(expected.get("nextState"), result.nextState())) {
      return "nextState: expected " + expected.get("nextState") + ", got " + result.nextState();
    }
    Map<String, Object> want = (Map<String, Object>) expected.get("inspectionData");
    Map<String, Object> got =
        result.inspectionData() == null
            ? null
            : (Map<String, Object>) normalizer.normalize(result.inspectionData());
    if (want == null || got == null) {
      return want == got ? null : "inspectionData: expected " + want + ", got " + got;
    }
    if (!want.keySet().equals(got.keySet())) {
      return "inspectionData fields: expected " + want.keySet() + ", got " + got.keySet();
    }
    for (String key : want.keySet()) {
      Object w = want.get(key);
      if (w instanceof String text) {
        try {
          w = Json.parse(text); // AWS returns these as JSON text; the snapshot parsed only objects
        } catch (RuntimeException notJson) {
          // compare as text
        }
      }
      if (!Normalizer.matches(w, got.get(key))) {
        return "inspectionData."
            + key
            + ": expected "
            + CaseRunner.clip(Json.write(w))
            + ", got "
            + CaseRunner.clip(Json.write(got.get(key)));
      }
    }
    return null;
  }
}
