package io.stepflow.asl.intrinsic;

import io.stepflow.asl.json.Json;
import io.stepflow.asl.path.PathReader;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Walks a parsed call: arguments first, left to right, then the function. */
final class Evaluator {

  private final PathReader reader;
  private final RandomGenerator random;

  Evaluator(PathReader reader, RandomGenerator random) {
    this.reader = reader;
    this.random = random;
  }

  Object evaluate(Node node) {
    return switch (node) {
      case Node.Constant c -> c.value();
      case Node.Text t -> t.value();
      case Node.PathRef p -> Json.deepCopy(reader.read(p.path()));
      case Node.Call call -> call(call);
    };
  }

  private Object call(Node.Call call) {
    Functions.Spec spec = spec(call);
    List<Object> args = new ArrayList<>(call.arguments().size());
    for (Node argument : call.arguments()) {
      args.add(evaluate(argument));
    }
    return spec.implementation().apply(new Functions.Invocation(call, args, random));
  }

  /** The function a call names, checked for its number of arguments. */
  static Functions.Spec spec(Node.Call call) {
    Functions.Spec spec = Functions.SPECS.get(call.name());
    if (spec == null) {
      throw new IntrinsicSyntaxException(
          "Expected the name of an intrinsic function (States.Format, States.Array, ...), but found"
              + " '"
              + call.name()
              + "'");
    }
    int count = call.arguments().size();
    if (!spec.accepts(count)) {
      throw new IntrinsicSyntaxException(
          "Invalid number of arguments for "
              + call.name()
              + ": expected "
              + spec.arity()
              + ", but found "
              + count);
    }
    return spec;
  }
}
