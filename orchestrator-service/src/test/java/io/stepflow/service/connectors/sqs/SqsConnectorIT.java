package io.stepflow.service.connectors.sqs;

import static io.stepflow.service.testsupport.SfnExecutions.assertSubmittedBeforeSucceeded;
import static io.stepflow.service.testsupport.SfnExecutions.awaitEnd;
import static io.stepflow.service.testsupport.SfnExecutions.awaitEvent;
import static io.stepflow.service.testsupport.SfnExecutions.create;
import static io.stepflow.service.testsupport.SfnExecutions.run;
import static io.stepflow.service.testsupport.SfnExecutions.timeExecutions;
import static io.stepflow.service.testsupport.SfnExecutions.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.sqs.ElasticMq;
import io.stepflow.engine.Command;
import io.stepflow.service.execution.CommandInbox;
import io.stepflow.service.testsupport.SfnClients;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskSubmittedEventDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** sqs:sendMessage Tasks run through the AWS-compatible API against ElasticMQ. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SqsConnectorIT {

  static ElasticMq mq;
  static SqsClient sqs;

  @LocalServerPort int port;
  @Autowired CommandInbox inbox;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-sqs");
    registry.add("stepflow.data-dir", dataDir::toString);
    mq = ElasticMq.start();
    sqs = mq.client();
    registry.add("stepflow.connectors.sqs.enabled", () -> "true");
    registry.add("stepflow.connectors.sqs.endpoint", () -> mq.endpoint().toString());
    registry.add("stepflow.connectors.sqs.region", () -> "us-east-1");
    registry.add("stepflow.connectors.sqs.access-key-id", () -> "test");
    registry.add("stepflow.connectors.sqs.secret-access-key", () -> "test");
    registry.add("stepflow.connectors.sqs.api-call-timeout", () -> "10s");
  }

  @AfterAll
  static void stopQueue() {
    mq.close(); // and its client, sqs
  }

  @Test
  void shouldSendAMessageWithAttributesAndGroupIdAndAnswerItsId() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a FIFO queue and a machine that sends the order to it
      String queue =
          sqs.createQueue(
                  b ->
                      b.queueName("orders.fifo")
                          .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
              .queueUrl();
      String machine =
          create(
              sfn,
              "send-order",
              """
              {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl.$": "$.queue",
                  "MessageBody": {"order.$": "$.order"},
                  "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "order"}},
                  "MessageGroupId": "customer-7",
                  "MessageDeduplicationId.$": "States.Format('order-{}', $.order)"},
                "ResultSelector": {"id.$": "$.MessageId", "md5.$": "$.MD5OfMessageBody"},
                "End": true}}}
              """);

      // when it runs
      DescribeExecutionResponse done =
          run(sfn, machine, "{\"queue\": \"" + queue + "\", \"order\": 42}");

      // then the message arrived with its attributes and group, and the output has its id
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      Message message = receive(queue).getFirst();
      assertThat(Json.parse(message.body())).isEqualTo(Json.parse("{\"order\":42}"));
      assertThat(message.messageAttributes().get("kind").stringValue()).isEqualTo("order");
      assertThat(message.attributes())
          .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "customer-7")
          .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "order-42");
      Map<?, ?> output = (Map<?, ?>) Json.parse(done.output());
      assertThat(output.get("id")).isEqualTo(message.messageId());
      assertThat(output.get("md5")).isEqualTo(message.md5OfBody());
    }
  }

  @Test
  void shouldWaitForTheWorkerThatReceivesTheMessageToSendTheTokenBack() throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given the seed's callback machine on a queue, and a worker on that queue
      String queue = sqs.createQueue(b -> b.queueName("callbacks")).queueUrl();
      String machine = callbackMachine(sfn, "sqs-callback", queue);
      CompletableFuture<String> worker =
          CompletableFuture.supplyAsync(
              () -> {
                Message message = receive(queue).getFirst();
                Map<?, ?> body = (Map<?, ?>) Json.parse(message.body());
                String token = (String) body.get("TaskToken");
                sfn.sendTaskSuccess(
                    b -> b.taskToken(token).output("{\"reply\": \"" + body.get("Message") + "\"}"));
                return token;
              });

      // when it runs
      DescribeExecutionResponse done = run(sfn, machine, "{}");

      // then the worker got the token in the body and the execution ends with its output
      assertThat(worker.get(30, TimeUnit.SECONDS)).isNotBlank();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.output()))
          .isEqualTo(Map.of("reply", "Hello from Step Functions!"));
    }
  }

  @Test
  void shouldRecordTaskSubmittedWithTheMessageIdBeforeTheWorkerSendsTheTokenBack()
      throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a callback execution whose message a worker received
      Sent sent = startCallback(sfn, "submitted");
      String execution = sent.execution();
      Message message = sent.message();

      // when the worker sends the token back once the history shows the submission
      List<HistoryEvent> waiting = awaitEvent(sfn, execution, "TaskSubmitted");
      sfn.sendTaskSuccess(b -> b.taskToken(sent.token()).output("{\"done\": true}"));
      DescribeExecutionResponse done = awaitEnd(sfn, execution);

      // then the task was submitted with SQS's answer before it succeeded with the worker's
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(types(waiting)).endsWith("TaskStarted", "TaskSubmitted");
      TaskSubmittedEventDetails submitted =
          assertSubmittedBeforeSucceeded(
              sfn.getExecutionHistory(b -> b.executionArn(execution)).events());
      assertThat(submitted.resourceType()).isEqualTo("sqs");
      assertThat(submitted.resource()).isEqualTo("sendMessage.waitForTaskToken");
      Map<?, ?> answer = (Map<?, ?>) Json.parse(submitted.output());
      assertThat(answer.get("MessageId")).isEqualTo(message.messageId());
      assertThat(answer.get("MD5OfMessageBody")).isEqualTo(message.md5OfBody());
    }
  }

  @Test
  void shouldDropASubmissionThatArrivesAfterTheTokenCameBack() throws Exception {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a callback task whose worker sent the token back at once, so the task has ended
      Sent sent = startCallback(sfn, "late-submission");
      String execution = sent.execution();
      sfn.sendTaskSuccess(b -> b.taskToken(sent.token()).output("{}"));
      assertThat(awaitEnd(sfn, execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<HistoryEvent> ended = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      long taskId = ended.get(2).id(); // TaskScheduled's id names the task

      // when the connector's report of the submission comes only now
      inbox.enqueue(
          execution, new Command.TaskSubmitted(taskId, Map.of("MessageId", "late")), Instant.now());
      awaitNoCommands(execution);

      // then it is dropped: nothing is recorded after TaskSucceeded
      List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      assertThat(history).isEqualTo(ended);
      assertThat(types(history)).containsSubsequence("TaskSucceeded", "ExecutionSucceeded");
      assertThat(history)
          .filteredOn(e -> e.typeAsString().equals("TaskSubmitted"))
          .allSatisfy(
              e -> assertThat(e.taskSubmittedEventDetails().output()).doesNotContain("late"));
    }
  }

  /** Polls until the inbox holds no command for the execution, at most 10 s. */
  private void awaitNoCommands(String execution) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      Integer left =
          jdbc.sql("SELECT count(*) FROM execution_command WHERE execution_arn = ?")
              .param(execution)
              .query(Integer.class)
              .single();
      if (left == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Expected the inbox to be drained for " + execution + " within 10 s");
  }

  @Test
  void shouldCatchQueueDoesNotExistForAMissingQueue() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a machine that catches SQS's error for a queue that does not exist
      String missing = mq.endpoint() + "/000000000000/no-such-queue";
      String machine =
          create(
              sfn,
              "send-missing",
              """
              {"StartAt": "Send", "States": {
                "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "%s", "MessageBody": "x"},
                  "Catch": [{"ErrorEquals": ["SQS.QueueDoesNotExistException"],
                    "ResultPath": "$.error", "Next": "Missing"}],
                  "End": true},
                "Missing": {"Type": "Pass", "End": true}}}
              """
                  .formatted(missing));

      // when it runs
      DescribeExecutionResponse done = run(sfn, machine, "{}");

      // then the Catch took the error
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(done.output())).get("error");
      assertThat(error.get("Error")).isEqualTo("SQS.QueueDoesNotExistException");
    }
  }

  @Test
  void shouldFailWhileSqsIsDownAndSendAgainOnceItIsBack() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a send machine, and SQS stopped
      String machine =
          create(
              sfn,
              "send-anywhere",
              """
              {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl.$": "$.queue", "MessageBody.$": "$.text"},
                "End": true}}}
              """);
      String queue = mq.endpoint() + "/000000000000/resilient";
      mq.stop();
      DescribeExecutionResponse down;
      try {
        // when it runs
        down = run(sfn, machine, "{\"queue\": \"" + queue + "\", \"text\": \"first\"}");
      } finally {
        mq.restart();
      }

      // then it fails with a client error that says SQS could not be reached
      assertThat(down.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(down.error()).isEqualTo("SQS.SdkClientException");
      assertThat(down.cause()).contains("could not be reached at " + mq.endpoint());

      // and once SQS is back, the next execution sends
      String url = sqs.createQueue(b -> b.queueName("resilient")).queueUrl();
      DescribeExecutionResponse again =
          run(sfn, machine, "{\"queue\": \"" + url + "\", \"text\": \"second\"}");
      assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(receive(url).getFirst().body()).isEqualTo("second");
    }
  }

  @Test
  void shouldMeasureSendsPerSecondEndToEnd() {
    try (SfnClient sfn = SfnClients.local(port)) {
      // given a send machine and a queue, and a Pass machine to compare with
      String queue = sqs.createQueue(b -> b.queueName("throughput")).queueUrl();
      String send =
          create(
              sfn,
              "send-throughput",
              """
              {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl.$": "$.queue", "MessageBody.$": "$"},
                "End": true}}}
              """);
      String pass =
          create(
              sfn,
              "pass-throughput",
              """
              {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}}
              """);
      String input = "{\"queue\": \"" + queue + "\", \"i\": %d}";
      run(sfn, send, input.formatted(-1));
      run(sfn, pass, input.formatted(-1));

      // when many executions each send one message, and as many run a Pass state
      int count = 200;
      double sendSeconds = timeExecutions(sfn, send, input::formatted, count);
      double passSeconds = timeExecutions(sfn, pass, input::formatted, count);

      // then the rate is printed, not asserted
      System.out.printf(
          "SQS sends end to end: %d executions (start, send, succeed) in %.2f s = %.0f sends/s;"
              + " one-Pass-state executions: %.0f/s; on %d CPUs, %d MiB heap max%n",
          count,
          sendSeconds,
          count / sendSeconds,
          count / passSeconds,
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** A callback execution, and the message with its token that its task sent. */
  private record Sent(String execution, Message message, String token) {}

  /** Starts the callback machine on a queue of its own and receives the message its task sent. */
  private static Sent startCallback(SfnClient sfn, String name) {
    String queue = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    String machine = callbackMachine(sfn, "sqs-" + name, queue);
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
    Message message = receive(queue).getFirst();
    String token = (String) ((Map<?, ?>) Json.parse(message.body())).get("TaskToken");
    return new Sent(execution, message, token);
  }

  /** The seed's callback machine: one task sends a greeting and its token to the queue. */
  private static String callbackMachine(SfnClient sfn, String name, String queue) {
    return create(
        sfn,
        name,
        """
        {"StartAt": "Send message to SQS", "States": {"Send message to SQS": {
          "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "%s",
            "MessageBody": {"Message": "Hello from Step Functions!",
              "TaskToken.$": "$$.Task.Token"}},
          "End": true}}}
        """
            .formatted(queue));
  }

  private static List<Message> receive(String queue) {
    for (int attempt = 0; attempt < 10; attempt++) {
      List<Message> messages =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queue)
                          .waitTimeSeconds(2)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (!messages.isEmpty()) {
        return messages;
      }
    }
    throw new AssertionError("no message on " + queue);
  }
}
