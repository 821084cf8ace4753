package io.stepflow.connectors.sns;

import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.connectors.aws.AwsParameters;
import io.stepflow.connectors.aws.AwsSdk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Publishes messages to Amazon SNS, or to an SNS-compatible server, as AWS's optimized integration
 * does: {@code arn:aws:states:::sns:publish} completes when SNS has accepted the message, with
 * AWS's result {@code {MessageId, SdkHttpMetadata, SdkResponseMetadata}} (and {@code
 * SequenceNumber} from a FIFO topic); {@code arn:aws:states:::sns:publish.waitForTaskToken}
 * completes when a subscriber of the message sends the task token back.
 *
 * <p>Parameters, as AWS's: exactly one destination, {@code TopicArn}, {@code TargetArn} (a mobile
 * platform endpoint) or {@code PhoneNumber} (SMS), all three handed to SNS as they are; {@code
 * Message} (a text is sent as is, any other JSON value as its JSON text); optional {@code Subject},
 * {@code MessageStructure} ({@code json}: a message per protocol), {@code MessageAttributes}
 * ({@code {name: {DataType, StringValue | BinaryValue}}}, the binary value in base64), {@code
 * MessageGroupId} and {@code MessageDeduplicationId} (FIFO topics).
 *
 * <p>An error SNS answers fails the task with {@code SNS.} and the SDK's exception name, as AWS
 * names them: {@code SNS.NotFoundException}, {@code SNS.InvalidParameterException}, {@code
 * SNS.InternalErrorException}, ..., {@code SNS.AmazonSNSException} for one the SDK has no exception
 * for (an HTTP 5xx without an SNS error in it, say). When SNS cannot be reached the task fails with
 * {@code SNS.SdkClientException}, or {@code SNS.ClientExecutionTimeoutException} when the call
 * (with the SDK's retries) takes longer than the configured time; unusable parameters with {@code
 * States.Runtime}.
 */
public final class SnsConnector implements Connector, AutoCloseable {

  public static final String NOT_FOUND = "SNS.NotFoundException";
  public static final String SNS = "SNS.AmazonSNSException";
  public static final String CLIENT = "SNS.SdkClientException";
  public static final String TIMEOUT = "SNS.ClientExecutionTimeoutException";
  public static final String RUNTIME = "States.Runtime";

  /** Where a message can go: SNS takes exactly one of them. */
  static final List<String> DESTINATIONS = List.of("TopicArn", "TargetArn", "PhoneNumber");

  private static final Set<String> PARAMETERS =
      Set.of(
          "TopicArn",
          "TargetArn",
          "PhoneNumber",
          "Message",
          "Subject",
          "MessageStructure",
          "MessageAttributes",
          "MessageGroupId",
          "MessageDeduplicationId");

  private final SnsSettings settings;
  private final SnsAsyncClient client;
  private final InFlightCalls inFlight = new InFlightCalls();

  public SnsConnector(SnsSettings settings) {
    this.settings = settings;
    this.client = AwsSdk.client(SnsAsyncClient.builder(), settings);
  }

  @Override
  public String name() {
    return "sns";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    if (resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
        && resource.service().equals("sns")
        && resource.action().equals("publish")) {
      return Set.of(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    }
    return Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    PublishRequest request;
    try {
      request = request(task.parameters());
    } catch (IllegalArgumentException e) {
      callback.failed(RUNTIME, e.getMessage() + " for " + task.resource().arn());
      return;
    }
    CompletableFuture<PublishResponse> published;
    try {
      published = client.publish(request);
    } catch (RuntimeException e) {
      failed(callback, destination(request), e);
      return;
    }
    AwsSdk.report(
        task,
        callback,
        inFlight,
        published,
        SnsConnector::result,
        error -> failed(callback, destination(request), error));
  }

  @Override
  public void cancel(ConnectorTask task) {
    inFlight.cancel(task);
  }

  @Override
  public void close() {
    client.close();
  }

  static PublishRequest request(Object parameters) {
    if (!(parameters instanceof Map<?, ?> p)) {
      throw new IllegalArgumentException("Expected Parameters with TopicArn and Message");
    }
    AwsParameters.requireOnly(p, PARAMETERS, "Publish");
    List<String> given = DESTINATIONS.stream().filter(d -> p.get(d) != null).toList();
    if (given.size() != 1) {
      throw new IllegalArgumentException(
          "Expected exactly one of TopicArn, TargetArn or PhoneNumber, but found "
              + (given.isEmpty() ? "none" : String.join(" and ", given)));
    }
    String destination = given.getFirst();
    String target = AwsParameters.text(p, destination);
    if (target.isBlank()) {
      throw new IllegalArgumentException("Expected " + destination + " not to be blank");
    }
    Object message = p.get("Message");
    if (message == null) {
      throw new IllegalArgumentException("Expected a Message");
    }
    PublishRequest.Builder request = PublishRequest.builder().message(AwsParameters.body(message));
    switch (destination) {
      case "TopicArn" -> request.topicArn(target);
      case "TargetArn" -> request.targetArn(target);
      default -> request.phoneNumber(target);
    }
    request.subject(AwsParameters.text(p, "Subject"));
    request.messageStructure(AwsParameters.text(p, "MessageStructure"));
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
    return request.build();
  }

  /** AWS's result: SNS's answer, with the HTTP and request metadata as the Java SDK v1 names. */
  static Map<String, Object> result(PublishResponse response) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("MessageId", response.messageId());
    AwsSdk.putMetadata(result, response);
    if (response.sequenceNumber() != null) {
      result.put("SequenceNumber", response.sequenceNumber());
    }
    return result;
  }

  private static String destination(PublishRequest request) {
    if (request.topicArn() != null) {
      return request.topicArn();
    }
    return request.targetArn() != null ? request.targetArn() : "the phone number";
  }

  private void failed(ConnectorCallback callback, String destination, Throwable error) {
    Throwable e = AwsSdk.unwrap(error);
    if (e instanceof SnsException sns) {
      callback.failed(errorName(sns), cause(sns));
    } else {
      AwsSdk.failedWithoutAnswer(
          callback,
          "SNS",
          "publish",
          destination,
          e,
          settings,
          client.serviceClientConfiguration().region());
    }
  }

  /** {@code SNS.} and the SDK's exception name; AWS's generic name for an unmodelled error. */
  static String errorName(SnsException e) {
    return e.getClass() == SnsException.class ? SNS : "SNS." + e.getClass().getSimpleName();
  }

  /** SNS's message; for an answer without one (a proxy's 503, say), its HTTP status. */
  private static String cause(SnsException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (message != null && !message.isBlank()) {
      return String.valueOf(e.getMessage());
    }
    String details = e.getMessage() == null ? "" : " " + e.getMessage().trim();
    return "SNS answered HTTP " + e.statusCode() + " without an SNS error" + details;
  }
}
