package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.single;
import static io.stepflow.asl.validate.Definitions.singleJsonata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryLanguageValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"Arguments", "Output"})
  void shouldReportAJsonataFieldInAJsonPathState(String field) {
    // given a JSONPath Task with a JSONata field
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\",\"End\":true,\""
                    + field
                    + "\":{}}"));

    // then the field is blamed as one of the other language
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/" + field));
    assertThat(diagnostics.get(0).message()).contains("the JSONata field '" + field + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath"})
  void shouldReportAJsonPathFieldInAJsonataState(String field) {
    // given a JSONata Task with a JSONPath field
    List<Diagnostic> diagnostics =
        errors(
            singleJsonata(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\",\"End\":true,\""
                    + field
                    + "\":\"$\"}"));

    // then the field is blamed as one of the other language
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/" + field));
    assertThat(diagnostics.get(0).message()).contains("the JSONPath field '" + field + "'");
  }

  @Test
  void shouldReportItemsPathInAStateThatChoseJsonata() {
    // given a Map that chose JSONata inside a JSONPath machine, with ItemsPath
    String definition =
        single(
            """
            {"Type":"Map","QueryLanguage":"JSONata","End":true,"ItemsPath":"$.a",
             "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}
            """);

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then ItemsPath is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/ItemsPath"));
  }

  @Test
  void shouldReportAStateSwitchingBackToJsonPathUnderAJsonataMachine() {
    // given a JSONata machine with a state that asks for JSONPath
    List<Diagnostic> diagnostics =
        errors(singleJsonata("{\"Type\":\"Pass\",\"QueryLanguage\":\"JSONPath\",\"End\":true}"));

    // then its QueryLanguage is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_QUERY_LANGUAGE", "/States/A/QueryLanguage"));
  }

  @Test
  void shouldReportAnUnknownQueryLanguage() {
    // given a state with a query language that does not exist
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Pass\",\"QueryLanguage\":\"XPath\",\"End\":true}"));

    // then it is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/QueryLanguage"));
  }

  @Test
  void shouldReportAJsonataExpressionThatDoesNotParse() {
    // given an Output expression with a dangling operator
    List<Diagnostic> diagnostics =
        errors(
            singleJsonata(
                "{\"Type\":\"Pass\",\"End\":true,\"Output\":{\"x\":\"{% $states.input + %}\"}}"));

    // then the nested string is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONATA", "/States/A/Output/x"));
  }

  @Test
  void shouldReportAJsonataExpressionThatIsNotClosed() {
    // given an Arguments string that opens {% but never closes it
    List<Diagnostic> diagnostics =
        errors(
            singleJsonata(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:x\",\"End\":true,"
                    + "\"Arguments\":{\"x\":\"{% $states.input\"}}"));

    // then the string is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONATA", "/States/A/Arguments/x"));
  }

  @Test
  void shouldAcceptJsonataExpressionsWhereNumbersAreExpected() {
    // given a JSONata Wait and Task whose numbers are expressions
    String definition =
        """
        {"QueryLanguage":"JSONata","StartAt":"W","States":{
          "W":{"Type":"Wait","Seconds":"{% $states.input.delay %}","Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:x","End":true,
               "TimeoutSeconds":"{% 10 * 2 %}","Arguments":{"a":"{% $states.input %}"},
               "Output":"{% $states.result %}","Assign":{"v":"{% 1 %}"}}}}
        """;

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then nothing is wrong
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportJsonataItemsThatAreNeitherArrayNorExpression() {
    // given a JSONata Map whose Items is a plain string
    String definition =
        singleJsonata(
            """
            {"Type":"Map","End":true,"Items":"items",
             "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}
            """);

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then Items is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Items"));
  }
}
