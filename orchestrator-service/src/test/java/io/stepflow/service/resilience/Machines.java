package io.stepflow.service.resilience;

/** The state machines of the resilience tests: no loops, so each state is entered once. */
final class Machines {

  /** Executions whose {@code n} is below this take the Low branch of the Choice. */
  static final int LOW_BELOW = 25;

  private Machines() {}

  /**
   * Pass, Wait 1 s, Task on the activity (its result is {@code n * 10}), Choice on {@code n}, Pass,
   * Wait 1 s, Pass; ends with {@link #expectedOutput(int)}.
   */
  static String withActivity(String activityArn) {
    return """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n","stage":"prepared"},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"Work"},
          "Work":{"Type":"Task","Resource":"%s","ResultPath":"$.answer","Next":"Route"},
          %s
        }}"""
        .formatted(activityArn, tail());
  }

  /**
   * Pass, Wait {@code seconds}, Pass (answer {@code n + 1000}), Choice on {@code n}, Pass, Wait 1
   * s, Pass; ends with {@link #expectedOutput(int, int)}.
   */
  static String withoutActivity(int seconds) {
    return """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n","stage":"prepared"},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":%d,"Next":"Work"},
          "Work":{"Type":"Pass",
                  "Parameters":{"n.$":"$.n","answer.$":"States.MathAdd($.n, 1000)"},"Next":"Route"},
          %s
        }}"""
        .formatted(seconds, tail());
  }

  private static String tail() {
    return """
          "Route":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":%d,"Next":"Low"}],
                   "Default":"High"},
          "Low":{"Type":"Pass","Result":"low","ResultPath":"$.branch","Next":"Settle"},
          "High":{"Type":"Pass","Result":"high","ResultPath":"$.branch","Next":"Settle"},
          "Settle":{"Type":"Wait","Seconds":1,"Next":"Done"},
          "Done":{"Type":"Pass","Parameters":{"n.$":"$.n","answer.$":"$.answer","branch.$":"$.branch"},
                  "End":true}"""
        .formatted(LOW_BELOW);
  }

  /** The output of {@link #withActivity(String)} when the activity answers {@code n * 10}. */
  static String expectedOutput(int n) {
    return expectedOutput(n, n * 10);
  }

  static String expectedOutput(int n, int answer) {
    return "{\"n\":%d,\"answer\":%d,\"branch\":\"%s\"}"
        .formatted(n, answer, n < LOW_BELOW ? "low" : "high");
  }
}
