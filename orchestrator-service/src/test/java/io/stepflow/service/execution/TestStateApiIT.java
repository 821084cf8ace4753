package io.stepflow.service.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.service.testsupport.SfnClients;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/** AWS's TestState action, called through the AWS SDK for Java. */
// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestStateApiIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-teststate");
    registry.add("stepflow.data-dir", dataDir::toString);
  }

  @Test
  void shouldRunAPassStateAndShowItsProcessingAtDebugLevel() {
    // given a Pass state that picks a field and puts a result beside the input
    String pass =
        """
        {"Type": "Pass", "InputPath": "$.order", "Parameters": {"id.$": "$.id"},
         "ResultPath": "$.picked", "Next": "Ship"}
        """;

    // when it is tested at DEBUG
    try (SfnClient sfn = client()) {
      TestStateResponse response =
          sfn.testState(
              b ->
                  b.definition(pass)
                      .roleArn(ROLE)
                      .input("{\"order\": {\"id\": 7}}")
                      .inspectionLevel(InspectionLevel.DEBUG));

      // then it succeeds, names the next state and shows each step as JSON text
      assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
      assertThat(response.nextState()).isEqualTo("Ship");
      assertThat(response.output()).isEqualTo("{\"order\":{\"id\":7},\"picked\":{\"id\":7}}");
      assertThat(response.inspectionData().afterInputPath()).isEqualTo("{\"id\":7}");
      assertThat(response.inspectionData().afterParameters()).isEqualTo("{\"id\":7}");
    }
  }

  @Test
  void shouldReportRetriableForAMockedErrorARetrierHandles() {
    // given a machine whose Task retries States.TaskFailed
    String machine =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
          "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 3}],
          "End": true}}}
        """;

    // when its Task state is tested with a mocked error
    try (SfnClient sfn = client()) {
      TestStateResponse response =
          sfn.testState(
              b ->
                  b.definition(machine)
                      .roleArn(ROLE)
                      .stateName("Call")
                      .inspectionLevel(InspectionLevel.TRACE)
                      .mock(m -> m.errorOutput(e -> e.error("Boom").cause("it broke"))));

      // then the state would be retried, after the retrier's interval
      assertThat(response.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
      assertThat(response.error()).isEqualTo("Boom");
      assertThat(response.cause()).isEqualTo("it broke");
      assertThat(response.inspectionData().errorDetails().retryIndex()).isZero();
      assertThat(response.inspectionData().errorDetails().retryBackoffIntervalSeconds())
          .isEqualTo(3);
    }
  }

  @Test
  void shouldTestAMockedTaskOnAResourceNoConnectorServesButRefuseItUnmocked() {
    // given a machine whose Task publishes to SNS, which no connector serves
    String machine =
        """
        {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
          "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "hi"},
          "End": true}}}
        """;

    try (SfnClient sfn = client()) {
      // when it is tested with a mocked result, then the mock stands in for SNS
      TestStateResponse mocked =
          sfn.testState(
              b ->
                  b.definition(machine)
                      .roleArn(ROLE)
                      .stateName("Publish")
                      .mock(m -> m.result("{\"MessageId\":\"m-1\"}")));
      assertThat(mocked.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
      assertThat(mocked.output()).isEqualTo("{\"MessageId\":\"m-1\"}");

      // and without a mock it is refused: nothing could run it
      assertThatThrownBy(
              () -> sfn.testState(b -> b.definition(machine).roleArn(ROLE).stateName("Publish")))
          .isInstanceOf(InvalidDefinitionException.class);
    }
  }

  @Test
  void shouldRejectAnInvalidDefinition() {
    // given a state machine whose StartAt names no state
    String machine = "{\"StartAt\": \"Nowhere\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    // when / then TestState answers InvalidDefinition
    try (SfnClient sfn = client()) {
      assertThatThrownBy(() -> sfn.testState(b -> b.definition(machine).roleArn(ROLE)))
          .isInstanceOf(InvalidDefinitionException.class);
    }
  }

  /**
   * The SDK's client as {@code SfnClients.local} makes it, but without the {@code sync-} host
   * prefix the SDK puts before TestState's endpoint, which no local address has.
   */
  private SfnClient client() {
    return SfnClients.localSync(port); // TestState, like StartSyncExecution, is a sync- host action
  }
}
