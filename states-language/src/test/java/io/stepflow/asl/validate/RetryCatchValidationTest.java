package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryCatchValidationTest {

  private static String taskWithRetry(String retriers) {
    return single(
        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\",\"End\":true,\"Retry\":"
            + retriers
            + "}");
  }

  @ParameterizedTest
  @CsvSource({
    "MaxAttempts, -1",
    "BackoffRate, 0.5",
    "IntervalSeconds, 0",
    "MaxDelaySeconds, 0",
    "IntervalSeconds, 1.5",
  })
  void shouldReportARetrierNumberOutOfRange(String field, String value) {
    // given a retrier with a number out of range
    List<Diagnostic> diagnostics =
        errors(taskWithRetry("[{\"ErrorEquals\":[\"E\"],\"" + field + "\":" + value + "}]"));

    // then the field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/" + field));
  }

  @Test
  void shouldReportAnUnknownJitterStrategy() {
    // given a retrier with a jitter strategy AWS does not have
    List<Diagnostic> diagnostics =
        errors(taskWithRetry("[{\"ErrorEquals\":[\"E\"],\"JitterStrategy\":\"HALF\"}]"));

    // then it is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_RETRIER", "/States/A/Retry/0/JitterStrategy"));
  }

  @Test
  void shouldReportStatesAllTogetherWithOtherErrors() {
    // given a retrier matching States.ALL and another error
    List<Diagnostic> diagnostics =
        errors(taskWithRetry("[{\"ErrorEquals\":[\"States.ALL\",\"E\"]}]"));

    // then ErrorEquals is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_ERROR_EQUALS", "/States/A/Retry/0/ErrorEquals"));
    assertThat(diagnostics.get(0).message()).contains("alone");
  }

  @Test
  void shouldReportStatesAllBeforeTheLastCatcher() {
    // given a catcher on States.ALL followed by another catcher
    String definition =
        """
        {"StartAt":"A","States":{
          "A":{"Type":"Task","Resource":"arn:aws:lambda:x","End":true,"Catch":[
            {"ErrorEquals":["States.ALL"],"Next":"F"},
            {"ErrorEquals":["E"],"Next":"F"}]},
          "F":{"Type":"Fail"}}}
        """;

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the first catcher's ErrorEquals is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_ERROR_EQUALS", "/States/A/Catch/0/ErrorEquals"));
    assertThat(diagnostics.get(0).message()).contains("last");
  }

  @Test
  void shouldReportAnEmptyErrorEquals() {
    // given a retrier matching no error
    List<Diagnostic> diagnostics = errors(taskWithRetry("[{\"ErrorEquals\":[]}]"));

    // then ErrorEquals is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_ERROR_EQUALS", "/States/A/Retry/0/ErrorEquals"));
  }

  @Test
  void shouldReportACatcherWithoutNextAndWithABadResultPath() {
    // given a catcher with no Next and a ResultPath that does not compile
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\",\"End\":true,"
                    + "\"Catch\":[{\"ErrorEquals\":[\"E\"],\"ResultPath\":\"$.[\"}]}"));

    // then both are blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(
            tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Catch/0"),
            tuple("INVALID_JSONPATH", "/States/A/Catch/0/ResultPath"));
  }
}
