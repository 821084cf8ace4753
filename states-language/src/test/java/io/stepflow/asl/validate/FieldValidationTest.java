package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldValidationTest {

  private static final String TASK = "\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\"";

  @Test
  void shouldReportAnUnknownType() {
    // given a state of a type that does not exist
    List<Diagnostic> diagnostics = errors(single("{\"Type\":\"Sleep\",\"End\":true}"));

    // then Type is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .contains(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Type"));
  }

  @Test
  void shouldReportAnUnknownField() {
    // given a Pass state with a misspelt field
    List<Diagnostic> diagnostics = errors(single("{\"Type\":\"Pass\",\"End\":true,\"Reslt\":{}}"));

    // then the field is blamed, naming what is allowed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Reslt"));
    assertThat(diagnostics.get(0).message()).contains("Result", "but found 'Reslt'");
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"Type\":\"Pass\",\"End\":true,\"ResultSelector\":{}}', ResultSelector",
    "'{\"Type\":\"Succeed\",\"Parameters\":{}}', Parameters",
    "'{\"Type\":\"Fail\",\"Parameters\":{}}', Parameters",
    "'{\"Type\":\"Pass\",\"End\":true,\"Retry\":[]}', Retry",
    "'{\"Type\":\"Wait\",\"End\":true,\"Seconds\":1,\"Catch\":[]}', Catch",
    "'{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.a\",\"IsNull\":true,\"Next\":\"A\"}],"
        + "\"End\":true}', End",
  })
  void shouldReportAFieldTheStateTypeDoesNotAllow(String state, String field) {
    // given a state with a field its type does not have
    List<Diagnostic> diagnostics = errors(single(state));

    // then the field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .contains(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/" + field));
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"Type\":\"Wait\",\"End\":true,\"Seconds\":1,\"Timestamp\":\"2016-03-14T01:59:00Z\"}',"
        + " Timestamp",
    "'{"
        + TASK
        + ",\"End\":true,\"TimeoutSeconds\":5,\"TimeoutSecondsPath\":\"$.t\"}',"
        + " TimeoutSecondsPath",
    "'{\"Type\":\"Fail\",\"Error\":\"E\",\"ErrorPath\":\"$.e\"}', ErrorPath",
  })
  void shouldReportFieldsThatExcludeEachOther(String state, String second) {
    // given a state with two fields of which only one may be given
    List<Diagnostic> diagnostics = errors(single(state));

    // then the second is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/" + second));
    assertThat(diagnostics.get(0).message()).startsWith("Expected at most one of");
  }

  @Test
  void shouldReportAWaitWithoutDuration() {
    // given a Wait state with nothing to wait for
    List<Diagnostic> diagnostics = errors(single("{\"Type\":\"Wait\",\"End\":true}"));

    // then the state is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A"));
  }

  @Test
  void shouldReportAMalformedWaitTimestamp() {
    // given a Timestamp that is not a date-time
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Wait\",\"End\":true,\"Timestamp\":\"tomorrow\"}"));

    // then Timestamp is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Timestamp"));
  }

  @Test
  void shouldReportATaskWithoutResourceAndAHeartbeatNotBelowTimeout() {
    // given a Task with no Resource whose heartbeat is as long as its timeout
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Task\",\"End\":true,\"TimeoutSeconds\":10,\"HeartbeatSeconds\":10}"));

    // then both are blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(
            tuple("SCHEMA_VALIDATION_FAILED", "/States/A"),
            tuple("SCHEMA_VALIDATION_FAILED", "/States/A/HeartbeatSeconds"));
  }

  @Test
  void shouldReportAMapWithoutProcessorAndANegativeMaxConcurrency() {
    // given a Map with no ItemProcessor and MaxConcurrency -1
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Map\",\"End\":true,\"MaxConcurrency\":-1}"));

    // then both are blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(
            tuple("SCHEMA_VALIDATION_FAILED", "/States/A"),
            tuple("SCHEMA_VALIDATION_FAILED", "/States/A/MaxConcurrency"));
  }

  @Test
  void shouldReportAnUnknownFieldOfANestedMachine() {
    // given a Parallel branch with a field machines do not have
    String definition =
        single(
            """
            {"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"B","Version":"1.0","States":{"B":{"Type":"Succeed"}}}]}
            """);

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Branches/0/Version"));
  }
}
