package io.stepflow.engine.conformance;

import io.stepflow.asl.Definitions;
import io.stepflow.asl.StatesLanguageException;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.engine.ExecutionInfo;
import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.engine.ExecutionState;
import io.stepflow.engine.HistoryEvent;
import io.stepflow.engine.memory.InMemoryRuntime;
import io.stepflow.engine.memory.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Replays one recorded case in memory; {@link CaseVerdict} says how the result differs from AWS's,
 * if at all.
 */
final class CaseRunner {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "111111111111";

  /** The outcome: null mismatch means the case passed. */
  record Outcome(String file, String mismatch) {
    boolean passed() {
      return mismatch == null;
    }
  }

  @SuppressWarnings("unchecked")
  static Outcome run(String file, Map<String, Object> c) {
    Map<String, Object> expected = (Map<String, Object>) c.get("expected");
    List<Map<String, Object>> transformers =
        (List<Map<String, Object>>) c.getOrDefault("snapshot_transformers", List.of());
    try {
      StateMachine machine =
          Definitions.load(
              (Map<String, Object>) Json.deepCopy(c.get("template")), ResourceCheck.ANY);
      String machineName = symbolic(transformers, "${stateMachineName}", "conformance-machine");
      String executionName = symbolic(transformers, "${executionName}", "conformance-execution");
      String roleArn =
          symbolic(transformers, "${roleArn}", "arn:aws:iam::" + ACCOUNT + ":role/conformance");
      String machineArn =
          "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + machineName;
      String executionArn =
          "arn:aws:states:"
              + REGION
              + ":"
              + ACCOUNT
              + ":execution:"
              + machineName
              + ":"
              + executionName;
      MutableClock clock = new MutableClock(Instant.parse("2024-07-02T13:52:02Z"));
      var settings =
          new ExecutionProcessor.EngineSettings(
              clock,
              RandomGenerator.of("L64X128MixRandom"),
              REGION,
              (arn, id) -> arn + "#" + id,
              ExecutionProcessor.EngineSettings.AWS_PAYLOAD_LIMIT);
      InMemoryRuntime runtime =
          new InMemoryRuntime(
              clock, settings, new LambdaStub((List<Map<String, Object>>) c.get("lambdas")));
      ExecutionInfo info =
          new ExecutionInfo(
              executionArn, executionName, machineArn, machineName, roleArn, clock.instant());
      ExecutionState state = runtime.start(info, machine, Json.deepCopy(c.get("input")));
      if (!"NOT_TERMINATED_IN_SNAPSHOT".equals(expected.get("status"))) {
        runtime.runTimers(Duration.ofDays(3650));
      }
      List<String> events = new ArrayList<>();
      for (HistoryEvent e : runtime.history(executionArn)) {
        if (!Boolean.TRUE.equals(e.internal().get("hidden"))) {
          events.add(e.type());
        }
      }
      var actual =
          new CaseVerdict.Actual(
              state.status().name(), state.output(), state.error(), state.cause(), events);
      return new Outcome(file, CaseVerdict.compare(c, actual));
    } catch (StatesLanguageException | UnsupportedOperationException | IllegalStateException e) {
      return new Outcome(
          file, "threw " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      return new Outcome(
          file, "threw " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
    }
  }

  private static String symbolic(
      List<Map<String, Object>> transformers, String symbol, String fallback) {
    for (Map<String, Object> t : transformers) {
      if (symbol.equals(t.get("symbolic"))) {
        return (String) t.get("pattern");
      }
    }
    return fallback;
  }

  static String clip(String text) {
    String one = oneLine(text);
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }

  static String oneLine(String text) {
    return text == null ? "null" : text.replace('\n', ' ').replace('\r', ' ');
  }
}
