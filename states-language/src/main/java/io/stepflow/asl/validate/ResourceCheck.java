package io.stepflow.asl.validate;

import java.util.Optional;

/**
 * Decides whether a Task state's {@code Resource} (including a {@code .sync} or {@code
 * .waitForTaskToken} suffix) names something the runtime can call. Connectors supply one.
 */
@FunctionalInterface
public interface ResourceCheck {

  /** Accepts every resource. */
  ResourceCheck ANY = resource -> Optional.empty();

  /**
   * Returns what is wrong with the resource, or empty when it is accepted.
   *
   * @param resource the Resource value exactly as written in the definition
   */
  Optional<String> problem(String resource);
}
