package io.stepflow.connectors.sqs;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.connectors.aws.AwsParameters;
import io.stepflow.connectors.aws.AwsSdk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends messages to Amazon SQS, or to an SQS-compatible server, as AWS's optimized integration
 * does: {@code arn:aws:states:::sqs:sendMessage} completes when SQS has accepted the message, with
 * AWS's result {@code {MD5OfMessageBody, MessageId, SdkHttpMetadata, SdkResponseMetadata}} (and
 * {@code MD5OfMessageAttributes}, {@code SequenceNumber} when SQS gives them); {@code
 * arn:aws:states:::sqs:sendMessage.waitForTaskToken} reports that result as submitted (AWS's
 * TaskSubmitted) and completes when a consumer of the message sends the task token back.
 *
 * <p>Parameters, as AWS's: {@code QueueUrl} and {@code MessageBody} (a text is sent as is, any
 * other JSON value as its JSON text), optional {@code MessageAttributes} ({@code {name: {DataType,
 * StringValue | BinaryValue}}}, the binary value in base64), {@code MessageGroupId}, {@code
 * MessageDeduplicationId} and {@code DelaySeconds}.
 *
 * <p>An error SQS answers fails the task with {@code SQS.} and the SDK's exception name, as AWS
 * names them: {@code SQS.QueueDoesNotExistException}, {@code SQS.InvalidMessageContentsException},
 * ..., {@code SQS.AmazonSQSException} for one the SDK has no exception for. When SQS cannot be
 * reached the task fails with {@code SQS.SdkClientException}, or {@code
 * SQS.ClientExecutionTimeoutException} when the call (with the SDK's retries) takes longer than the
 * configured time; unusable parameters with {@code States.Runtime}.
 */
public final class SqsConnector implements Connector, AutoCloseable {

  public static final String QUEUE_DOES_NOT_EXIST = "SQS.QueueDoesNotExistException";
  public static final String SQS = "SQS.AmazonSQSException";
  public static final String CLIENT = "SQS.SdkClientException";
  public static final String TIMEOUT = "SQS.ClientExecutionTimeoutException";
  public static final String RUNTIME = "States.Runtime";

  private static final Set<String> PARAMETERS =
      Set.of(
          "QueueUrl",
          "MessageBody",
          "MessageAttributes",
          "MessageGroupId",
          "MessageDeduplicationId",
          "DelaySeconds");

  private final SqsSettings settings;
  private final SqsAsyncClient client;
  private final InFlightCalls inFlight = new InFlightCalls();

  public SqsConnector(SqsSettings settings) {
    this.settings = settings;
    this.client = AwsSdk.client(SqsAsyncClient.builder(), settings);
  }

  @Override
  public String name() {
    return "sqs";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    if (resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
        && resource.service().equals("sqs")
        && resource.action().equals("sendMessage")) {
      return Set.of(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    }
    return Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    SendMessageRequest request;
    try {
      request = request(task.parameters());
    } catch (IllegalArgumentException e) {
      callback.failed(RUNTIME, e.getMessage() + " for " + task.resource().arn());
      return;
    }
    AwsSdk.report(
        task,
        callback,
        inFlight,
        client.sendMessage(request),
        SqsConnector::result,
        error -> failed(callback, request.queueUrl(), error));
  }

  @Override
  public void cancel(ConnectorTask task) {
    inFlight.cancel(task);
  }

  @Override
  public void close() {
    client.close();
  }

  static SendMessageRequest request(Object parameters) {
    if (!(parameters instanceof Map<?, ?> p)) {
      throw new IllegalArgumentException("Expected Parameters with QueueUrl and MessageBody");
    }
    AwsParameters.requireOnly(p, PARAMETERS, "SendMessage");
    if (!(p.get("QueueUrl") instanceof String queueUrl) || queueUrl.isBlank()) {
      throw new IllegalArgumentException("Expected a QueueUrl text");
    }
    Object body = p.get("MessageBody");
    if (body == null) {
      throw new IllegalArgumentException("Expected a MessageBody");
    }
    SendMessageRequest.Builder request =
        SendMessageRequest.builder().queueUrl(queueUrl).messageBody(AwsParameters.body(body));
    if (p.get("MessageAttributes") != null) {
      request.messageAttributes(
          AwsParameters.messageAttributes(
              p.get("MessageAttributes"),
              a ->
                  MessageAttributeValue.builder()
                      .dataType(a.dataType())
                      .stringValue(a.stringValue())
                      .binaryValue(a.binaryValue())
                      .build()));
    }
    request.messageGroupId(AwsParameters.text(p, "MessageGroupId"));
    request.messageDeduplicationId(AwsParameters.text(p, "MessageDeduplicationId"));
    Object delay = p.get("DelaySeconds");
    if (delay != null) {
      if (!(delay instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(
            "Expected DelaySeconds to be a whole number, but found " + Json.write(delay));
      }
      request.delaySeconds(n.intValue());
    }
    return request.build();
  }

  /** AWS's result: SQS's answer, with the HTTP and request metadata as the Java SDK v1 names. */
  static Map<String, Object> result(SendMessageResponse response) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (response.md5OfMessageAttributes() != null) {
      result.put("MD5OfMessageAttributes", response.md5OfMessageAttributes());
    }
    result.put("MD5OfMessageBody", response.md5OfMessageBody());
    result.put("MessageId", response.messageId());
    AwsSdk.putMetadata(result, response);
    if (response.sequenceNumber() != null) {
      result.put("SequenceNumber", response.sequenceNumber());
    }
    return result;
  }

  private void failed(ConnectorCallback callback, String queueUrl, Throwable error) {
    Throwable e = AwsSdk.unwrap(error);
    if (e instanceof SqsException sqs) {
      callback.failed(errorName(sqs), String.valueOf(sqs.getMessage()));
    } else {
      AwsSdk.failedWithoutAnswer(
          callback,
          "SQS",
          "send",
          queueUrl,
          e,
          settings,
          client.serviceClientConfiguration().region());
    }
  }

  /** {@code SQS.} and the SDK's exception name; AWS's generic name for an unmodelled error. */
  static String errorName(SqsException e) {
    return e.getClass() == SqsException.class ? SQS : "SQS." + e.getClass().getSimpleName();
  }
}
