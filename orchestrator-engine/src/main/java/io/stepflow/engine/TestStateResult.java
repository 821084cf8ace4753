package io.stepflow.engine;

import java.util.Map;

/**
 * What AWS's TestState returns for one state.
 *
 * @param status SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR
 * @param output the state's output (SUCCEEDED, CAUGHT_ERROR), else null
 * @param error the error the state raised, else null
 * @param cause its cause, else null
 * @param nextState the state that would follow, or null when the state ends the machine or failed
 * @param inspectionData the data at each processing step the inspection level shows; null at INFO.
 *     Values are JSON values, except {@code errorDetails}, an object of numbers.
 */
public record TestStateResult(
    String status,
    Object output,
    String error,
    String cause,
    String nextState,
    Map<String, Object> inspectionData) {

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  public static final String RETRIABLE = "RETRIABLE";
  public static final String CAUGHT_ERROR = "CAUGHT_ERROR";
}
