package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.single;
import static io.stepflow.asl.validate.Definitions.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"InputPath", "OutputPath", "ResultPath"})
  void shouldReportAMalformedPathField(String field) {
    // given a Pass state with a path that does not compile
    String definition = single("{\"Type\":\"Pass\",\"End\":true,\"" + field + "\":\"$.a[\"}");

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/" + field));
    assertThat(diagnostics.get(0).message()).contains("Expected " + field, "'$.a['");
  }

  @Test
  void shouldReportAPathNotStartingWithDollar() {
    // given an InputPath without the leading $
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Pass\",\"End\":true,\"InputPath\":\"a.b\"}"));

    // then it is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/InputPath"));
  }

  @Test
  void shouldReportAResultPathThatIsNotDefinite() {
    // given a ResultPath with a wildcard
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Pass\",\"End\":true,\"ResultPath\":\"$.a[*]\"}"));

    // then it is blamed for not naming one place
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/ResultPath"));
    assertThat(diagnostics.get(0).message()).contains("definite");
  }

  @Test
  void shouldReportAResultPathIntoTheContextObject() {
    // given a ResultPath that writes into $$
    List<Diagnostic> diagnostics =
        errors(single("{\"Type\":\"Pass\",\"End\":true,\"ResultPath\":\"$$.Execution\"}"));

    // then it is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/ResultPath"));
  }

  @Test
  void shouldAcceptNullPathsContextPathsAndVariablePaths() {
    // given null paths, a context path and a variable path
    String definition =
        single(
            "{\"Type\":\"Pass\",\"End\":true,\"InputPath\":\"$$.Execution.Input\","
                + "\"OutputPath\":null,\"ResultPath\":null,"
                + "\"Parameters\":{\"v.$\":\"$myVar.items[0]\",\"all.$\":\"$.items[1:]\"}}");

    // when it is validated
    List<Diagnostic> diagnostics = validate(definition);

    // then nothing is reported
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportAMalformedPathInAPayloadTemplate() {
    // given Parameters whose nested .$ field holds a malformed path
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Pass\",\"End\":true,\"Parameters\":{\"outer\":{\"x.$\":\"$..[\"}}}"));

    // then the nested field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/Parameters/outer/x.$"));
  }

  @Test
  void shouldReportAMalformedItemsPath() {
    // given a Map with an ItemsPath that is not a path
    String definition =
        single(
            "{\"Type\":\"Map\",\"End\":true,\"ItemsPath\":\"items\",\"ItemProcessor\":"
                + "{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Succeed\"}}}}");

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then ItemsPath is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/ItemsPath"));
  }

  @Test
  void shouldReportMalformedIntrinsicFunctionSyntax() {
    // given a .$ value that calls an intrinsic function with unbalanced parentheses
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Pass\",\"End\":true,"
                    + "\"Parameters\":{\"s.$\":\"States.Format('{}', $.a\"}}"));

    // then the field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_INTRINSIC_FUNCTION", "/States/A/Parameters/s.$"));
  }

  @Test
  void shouldReportAnUnknownIntrinsicFunction() {
    // given a .$ value that calls a function AWS does not have
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Pass\",\"End\":true,\"Parameters\":{\"s.$\":\"States.Nope($.a)\"}}"));

    // then the field is blamed, with the intrinsic checker's reason
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_INTRINSIC_FUNCTION", "/States/A/Parameters/s.$"));
    assertThat(diagnostics.get(0).message()).contains("States.Nope");
  }

  @Test
  void shouldAcceptAWellFormedIntrinsicFunctionInErrorPath() {
    // given a Fail state whose Cause is built by an intrinsic function
    List<Diagnostic> diagnostics =
        errors(
            single(
                "{\"Type\":\"Fail\",\"Error\":\"E\","
                    + "\"CausePath\":\"States.Format('bad {}', $.id)\"}"));

    // then it is accepted
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldWarnOfAPathInAFieldWithoutDollarSuffix() {
    // given Parameters with a path in a field whose name lacks .$
    List<Diagnostic> diagnostics =
        validate(single("{\"Type\":\"Pass\",\"End\":true,\"Parameters\":{\"x\":\"$.a\"}}"));

    // then a NO_DOLLAR warning names it
    assertThat(diagnostics)
        .extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple(Severity.WARNING, "NO_DOLLAR", "/States/A/Parameters/x"));
  }

  @Test
  void shouldWarnOfAPathInAPassResult() {
    // given a Pass Result with a .$ field
    List<Diagnostic> diagnostics =
        validate(single("{\"Type\":\"Pass\",\"End\":true,\"Result\":{\"x.$\":\"$.a\"}}"));

    // then a PASS_RESULT_IS_STATIC warning names it
    assertThat(diagnostics)
        .extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple(Severity.WARNING, "PASS_RESULT_IS_STATIC", "/States/A/Result/x.$"));
  }

  @Test
  void shouldReportAMalformedPathInsideANestedBranch() {
    // given a Parallel branch state with a malformed OutputPath
    String definition =
        single(
            """
            {"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"B","States":{"B":{"Type":"Pass","End":true,"OutputPath":"$["}}}]}
            """);

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the nested field is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/A/Branches/0/States/B/OutputPath"));
  }
}
