package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.EXECUTION_ARN;
import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Callback tasks: {@code .waitForTaskToken} and the token in the context object. */
class EngineTaskTokenTest {

  @Test
  void shouldIssueTaskTokenForWaitForTaskToken() {
    // given a callback task that passes $$.Task.Token on in its Parameters
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Approve", "States": {
                  "Approve": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {
                      "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/approvals",
                      "MessageBody": {"orderId.$": "$.orderId", "token.$": "$$.Task.Token"}
                    },
                    "End": true
                  }
                }}
                """,
                "{\"orderId\": \"o-1\"}");

    // then the request carries the issued token, and the same token reached the parameters
    TaskRequest request = harness.pendingTasks().get(0);
    String issued = TaskTokens.PLAIN.issue(EXECUTION_ARN, request.taskId());
    assertThat(request.taskToken()).isEqualTo(issued);
    @SuppressWarnings("unchecked")
    Map<String, Object> body =
        (Map<String, Object>) ((Map<String, Object>) request.parameters()).get("MessageBody");
    assertThat(body).containsEntry("token", issued).containsEntry("orderId", "o-1");
    assertThat(harness.lastEvent("TaskScheduled").details())
        .containsEntry("resource", "sendMessage.waitForTaskToken")
        .containsEntry("resourceType", "sqs");

    // when the callback arrives with the token
    harness.completeTaskWithToken(issued, "{\"approved\": true}");

    // then the execution continues with the callback's output
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("{\"approved\": true}"));
  }

  @Test
  void shouldIssueNoTokenForOrdinaryTasks() {
    // given an ordinary request-response task
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Send", "States": {
                  "Send": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": "q", "MessageBody": "hi"},
                    "End": true
                  }
                }}
                """,
                "{}");

    // then its request carries no token
    assertThat(harness.pendingTasks().get(0).taskToken()).isNull();
  }
}
