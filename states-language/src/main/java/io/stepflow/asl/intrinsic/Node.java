package io.stepflow.asl.intrinsic;

import java.util.List;

/** The syntax tree of an intrinsic function call: a call, a constant or a reference path. */
sealed interface Node {

  /** {@code States.Name(arg, ...)}. */
  record Call(String name, List<Node> arguments) implements Node {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A string in single quotes. {@code value} has the escapes resolved; {@code source} is the text
   * between the quotes as written, which States.Format needs to tell {@code \{} from {@code {}.
   */
  record Text(String value, String source) implements Node {}

  /** A number, {@code true}, {@code false} or {@code null}. */
  record Constant(Object value) implements Node {}

  /** A reference path such as {@code $.a}, {@code $$.Execution.Id} or {@code $var.x}. */
  record PathRef(String path) implements Node {}
}
