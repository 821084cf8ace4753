package io.stepflow.service.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

import io.stepflow.service.Arns;
import io.stepflow.service.AwsSettings;
import io.stepflow.service.StepflowException;
import io.stepflow.service.StepflowException.Kind;
import io.stepflow.service.activity.ActivityService;
import io.stepflow.service.execution.ExecutionService;
import io.stepflow.service.execution.TaskCallbackService;
import io.stepflow.service.statemachine.StateMachineService;
import io.stepflow.service.statemachine.VersionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * How the REST API reports failures: RFC 9457 problem details, one status per kind of error. The
 * request filters (security) are left out: they are not what this slice is about.
 */
@WebMvcTest(
    controllers = {
      StateMachineController.class,
      ExecutionController.class,
      ActivityController.class,
      TaskController.class
    },
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "io\\.stepflow\\.service\\.security\\..*"))
@Import(RestProblemsTest.RealArns.class)
class RestProblemsTest {

  static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:order-1";

  @TestConfiguration
  static class RealArns {
    @Bean
    Arns arns() {
      return new Arns(new AwsSettings("us-east-1", "123456789012", null, null));
    }
  }

  @Autowired MockMvcTester mvc;
  @MockitoBean StateMachineService machines;
  @MockitoBean VersionService versions;
  @MockitoBean ExecutionService executions;
  @MockitoBean TaskCallbackService callbacks;
  @MockitoBean ActivityService activities;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INVALID, 400",
    "NOT_FOUND, 404",
    "CONFLICT, 409",
    "LIMIT_EXCEEDED, 400",
    "UNAUTHORIZED, 401",
    "INTERNAL, 500"
  })
  void shouldAnswerEachKindOfServiceErrorWithItsStatusAndTheServiceCode(Kind kind, int status) {
    // given a service that fails with an error of that kind
    given(executions.describe(EXECUTION))
        .willThrow(new StepflowException("SomeCode", kind, "it went wrong"));

    // when the execution is asked for
    MvcTestResult result = mvc.get().uri("/api/v1/executions/{arn}", EXECUTION).exchange();

    // then the problem detail carries the status and the service's code
    assertThat(result)
        .hasStatus(status)
        .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("SomeCode");
    assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("it went wrong");
  }

  @Test
  void shouldDescribeAMissingExecutionAsANotFoundProblemWithTypeAndTitle() {
    // given no execution of that ARN
    given(executions.describe(EXECUTION))
        .willThrow(
            StepflowException.notFound(
                "ExecutionDoesNotExist", "Expected an execution, but none has the ARN x"));

    // when it is asked for by state machine and execution name
    MvcTestResult result =
        mvc.get().uri("/api/v1/state-machines/orders/executions/order-1").exchange();

    // then a 404 problem names the type, a stable title and the code
    assertThat(result).hasStatus(404);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo("urn:stepflow:problem:ExecutionDoesNotExist");
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Execution does not exist");
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("ExecutionDoesNotExist");
  }

  @Test
  void shouldNameTheFieldOfAServiceValidationError() {
    // given a service that rejects the execution's name
    given(executions.start(anyString(), any(), any()))
        .willThrow(
            new StepflowException(
                "InvalidName", Kind.INVALID, "Expected name to be 1 to 80 characters, but found"));

    // when an execution is started with that name
    MvcTestResult result =
        mvc.post()
            .uri("/api/v1/state-machines/orders/executions")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"a b\",\"input\":{\"n\":1}}")
            .exchange();

    // then the 400 problem names the field
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("InvalidName");
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("name");
  }

  @Test
  void shouldAnswerABodyThatIsNotJsonWithASerializationProblem() {
    // given a request body cut off in the middle

    // when a state machine is registered with it
    MvcTestResult result =
        mvc.post()
            .uri("/api/v1/state-machines")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"orders\", \"definition\": {")
            .exchange();

    // then a 400 problem says the body is not JSON
    assertThat(result)
        .hasStatus(400)
        .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("SerializationException");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .startsWith("Expected the request body to be JSON");
  }

  @Test
  void shouldNameTheBodyFieldOfTheWrongType() {
    // given a registration whose publish flag is an object

    // when it is posted
    MvcTestResult result =
        mvc.post()
            .uri("/api/v1/state-machines")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"orders\",\"definition\":{},\"publish\":{\"yes\":true}}")
            .exchange();

    // then the 400 problem names publish
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("ValidationException");
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("publish");
  }

  @Test
  void shouldAnswerAMissingBodyWithASerializationProblem() {
    // given no body at all

    // when a task success is posted
    MvcTestResult result =
        mvc.post().uri("/api/v1/tasks/success").contentType(MediaType.APPLICATION_JSON).exchange();

    // then a 400 problem says a body was expected
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("SerializationException");
  }

  @Test
  void shouldListTheStatusesWhenTheStatusFilterIsUnknown() {
    // given a status no execution can have

    // when executions are searched by it
    MvcTestResult result = mvc.get().uri("/api/v1/executions?status=DONE").exchange();

    // then the 400 problem names the field and the statuses there are
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("status");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .contains("RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED")
        .contains("'DONE'");
  }

  @Test
  void shouldAskForAnInstantWhenStartedFromIsNotOne() {
    // given a start time that is not ISO-8601

    // when executions are searched from it
    MvcTestResult result = mvc.get().uri("/api/v1/executions?startedFrom=yesterday").exchange();

    // then the 400 problem names startedFrom and shows the expected form
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("startedFrom");
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("ISO-8601");
  }

  @Test
  void shouldRejectALimitOutsideOneToAThousand() {
    // given a limit of 0

    // when state machines are listed with it
    MvcTestResult result = mvc.get().uri("/api/v1/state-machines?limit=0").exchange();

    // then the 400 problem names limit
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("limit");
  }

  @Test
  void shouldRejectADefinitionThatIsAStringRatherThanAnObject() {
    // given a definition sent as JSON text inside a string

    // when it is registered
    MvcTestResult result =
        mvc.post()
            .uri("/api/v1/state-machines")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"orders\",\"definition\":\"{}\"}")
            .exchange();

    // then the 400 problem names definition
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("definition");
  }

  @Test
  void shouldCallAPageTokenThatIsNotOnePageTokenInTheProblem() {
    // given a service that rejects the token it was handed back
    given(machines.list(any(), anyInt()))
        .willThrow(
            new StepflowException(
                "InvalidToken",
                Kind.INVALID,
                "Expected nextToken to be a token from an earlier response, but found 'x'"));

    // when state machines are listed from a made-up token
    MvcTestResult result = mvc.get().uri("/api/v1/state-machines?pageToken=eA").exchange();

    // then the field is the REST API's name for it
    assertThat(result).hasStatus(400);
    assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("pageToken");
  }

  @Test
  void shouldHideNothingButTheCauseOfAnUnexpectedFailure() {
    // given a service that fails in a way nobody planned for
    given(activities.list()).willThrow(new IllegalStateException("disk on fire"));

    // when activities are listed
    MvcTestResult result = mvc.get().uri("/api/v1/activities").exchange();

    // then a 500 problem with the InternalServerError code
    assertThat(result).hasStatus(500);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("InternalServerError");
  }

  @Test
  void shouldGiveSpringMvcsOwnProblemsACodeToo() {
    // given a body that is plain text, not JSON

    // when an activity is created with it
    MvcTestResult result =
        mvc.post()
            .uri("/api/v1/activities")
            .contentType(MediaType.TEXT_PLAIN)
            .content("approve")
            .exchange();

    // then the 415 is a problem detail with a code
    assertThat(result)
        .hasStatus(415)
        .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("UnsupportedMediaType");
  }
}
