package io.stepflow.engine.benchmark;

import io.stepflow.asl.Definitions;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.engine.Command;
import io.stepflow.engine.Decision;
import io.stepflow.engine.ExecutionInfo;
import io.stepflow.engine.ExecutionProcessor;
import io.stepflow.engine.ExecutionState;
import io.stepflow.engine.ExecutionStatus;
import io.stepflow.engine.memory.MutableClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * State transitions per second of the in-memory engine on one thread: each operation runs one
 * execution of a 20-state chain of Pass and Choice states that use Parameters and intrinsic
 * functions, from ExecutionStarted to ExecutionSucceeded, history events included. Run it with
 * {@code benchmarks/engine-throughput.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineThroughputBenchmark {

  static final int STATES = 20;

  private StateMachine machine;
  private ExecutionProcessor processor;
  private ExecutionInfo info;
  private Object input;

  @Setup
  public void setUp() {
    machine = Definitions.load(chain(STATES), ResourceCheck.ANY);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    processor = new ExecutionProcessor(clock);
    info =
        new ExecutionInfo(
            "arn:aws:states:us-east-1:111111111111:execution:bench:run",
            "run",
            "arn:aws:states:us-east-1:111111111111:stateMachine:bench",
            "bench",
            "arn:aws:iam::111111111111:role/bench",
            clock.instant());
    input = Json.parse("{\"order\":{\"id\":\"o-1\",\"items\":[1,2,3],\"total\":42},\"count\":0}");
  }

  @Benchmark
  @OperationsPerInvocation(STATES)
  public void runTwentyStateChain(Blackhole blackhole) {
    ExecutionState state = new ExecutionState(info, machine);
    Decision decision = processor.handle(state, new Command.StartExecution(Json.deepCopy(input)));
    if (state.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("Expected the chain to succeed, but it is " + state.status());
    }
    blackhole.consume(decision);
  }

  /**
   * Pass states that reshape their input with Parameters and intrinsics, every other one followed
   * by a Choice on the data they produced.
   */
  static String chain(int states) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (int i = 0; i < states; i++) {
      String name = "S" + i;
      String next = i + 1 < states ? "S" + (i + 1) : null;
      Map<String, Object> state = new LinkedHashMap<>();
      if (i % 2 == 0) {
        state.put("Type", "Pass");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("order.$", "$.order");
        parameters.put("count.$", "States.MathAdd($.count, 1)");
        parameters.put("label.$", "States.Format('order {} step {}', $.order.id, $.count)");
        parameters.put("size.$", "States.ArrayLength($.order.items)");
        state.put("Parameters", parameters);
      } else {
        state.put("Type", "Choice");
        state.put(
            "Choices",
            java.util.List.of(
                Map.of("Variable", "$.size", "NumericGreaterThan", 100, "Next", name + "Big"),
                Map.of(
                    "Variable",
                    "$.label",
                    "StringMatches",
                    "order *",
                    "Next",
                    next == null ? name + "Done" : next)));
        state.put("Default", next == null ? name + "Done" : next);
        all.put(name, state);
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("Type", "Fail");
        big.put("Error", "TooBig");
        all.put(name + "Big", big);
        if (next == null) {
          all.put(name + "Done", Map.of("Type", "Succeed"));
        }
        continue;
      }
      if (next == null) {
        state.put("End", true);
      } else {
        state.put("Next", next);
      }
      all.put(name, state);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("Comment", "A chain of " + states + " Pass and Choice states");
    definition.put("StartAt", "S0");
    definition.put("States", all);
    return Json.write(definition);
  }
}
