package io.stepflow.connectors.sqs;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends messages to Amazon SQS, or to an SQS-compatible server, as AWS's optimized integration
 * does: {@code arn:aws:states:::sqs:sendMessage} completes when SQS has accepted the message, with
 * AWS's result {@code {MD5OfMessageBody, MessageId, SdkHttpMetadata, SdkResponseMetadata}} (and
 * {@code MD5OfMessageAttributes}, {@code SequenceNumber} when SQS gives them); {@code
 * arn:aws:states:::sqs:sendMessage.waitForTaskToken} completes when a consumer of the message sends
 * the task token back.
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
    SqsAsyncClientBuilder builder =
        SqsAsyncClient.builder()
            .region(region(settings.region()))
            .credentialsProvider(credentials(settings))
            .overrideConfiguration(c -> c.apiCallTimeout(settings.apiCallTimeout()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    this.client = builder.build();
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
    boolean waitForToken =
        task.resource().integrationPattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    CompletableFuture<SendMessageResponse> sent = client.sendMessage(request);
    inFlight
        .track(task, sent)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                failed(callback, request.queueUrl(), error);
              } else if (!waitForToken) {
                callback.succeeded(result(response));
              }
            });
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
    for (Object name : p.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "Expected only the SendMessage parameters "
                + PARAMETERS.stream().sorted().toList()
                + ", but found "
                + name);
      }
    }
    if (!(p.get("QueueUrl") instanceof String queueUrl) || queueUrl.isBlank()) {
      throw new IllegalArgumentException("Expected a QueueUrl text");
    }
    Object body = p.get("MessageBody");
    if (body == null) {
      throw new IllegalArgumentException("Expected a MessageBody");
    }
    SendMessageRequest.Builder request =
        SendMessageRequest.builder()
            .queueUrl(queueUrl)
            .messageBody(body instanceof String text ? text : Json.write(body));
    if (p.get("MessageAttributes") != null) {
      request.messageAttributes(attributes(p.get("MessageAttributes")));
    }
    request.messageGroupId(text(p, "MessageGroupId"));
    request.messageDeduplicationId(text(p, "MessageDeduplicationId"));
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

  private static String text(Map<?, ?> parameters, String name) {
    Object value = parameters.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(
          "Expected " + name + " to be a text, but found " + Json.write(value));
    }
    return text;
  }

  private static Map<String, MessageAttributeValue> attributes(Object value) {
    if (!(value instanceof Map<?, ?> named)) {
      throw new IllegalArgumentException(
          "Expected MessageAttributes to be an object of {DataType, StringValue | BinaryValue}");
    }
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : named.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> a) || !(a.get("DataType") instanceof String type)) {
        throw new IllegalArgumentException(
            "Expected message attribute " + name + " to be an object with a DataType text");
      }
      MessageAttributeValue.Builder attribute = MessageAttributeValue.builder().dataType(type);
      Object string = a.get("StringValue");
      Object binary = a.get("BinaryValue");
      if (string != null) {
        attribute.stringValue(string instanceof String s ? s : Json.write(string));
      } else if (binary instanceof String base64) {
        try {
          attribute.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException notBase64) {
          throw new IllegalArgumentException(
              "Expected the BinaryValue of message attribute " + name + " in base64");
        }
      } else {
        throw new IllegalArgumentException(
            "Expected message attribute " + name + " to have a StringValue or a BinaryValue");
      }
      attributes.put(name, attribute.build());
    }
    return attributes;
  }

  /** AWS's result: SQS's answer, with the HTTP and request metadata as the Java SDK v1 names. */
  static Map<String, Object> result(SendMessageResponse response) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (response.md5OfMessageAttributes() != null) {
      result.put("MD5OfMessageAttributes", response.md5OfMessageAttributes());
    }
    result.put("MD5OfMessageBody", response.md5OfMessageBody());
    result.put("MessageId", response.messageId());
    Map<String, Object> headers = new LinkedHashMap<>();
    Map<String, Object> allHeaders = new LinkedHashMap<>();
    response
        .sdkHttpResponse()
        .headers()
        .forEach(
            (name, values) -> {
              headers.put(name, String.join(",", values));
              allHeaders.put(name, List.copyOf(values));
            });
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("AllHttpHeaders", allHeaders);
    http.put("HttpHeaders", headers);
    http.put("HttpStatusCode", response.sdkHttpResponse().statusCode());
    result.put("SdkHttpMetadata", http);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("RequestId", response.responseMetadata().requestId());
    result.put("SdkResponseMetadata", metadata);
    if (response.sequenceNumber() != null) {
      result.put("SequenceNumber", response.sequenceNumber());
    }
    return result;
  }

  private void failed(ConnectorCallback callback, String queueUrl, Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof SqsException sqs) {
      callback.failed(errorName(sqs), String.valueOf(sqs.getMessage()));
    } else if (e instanceof ApiCallTimeoutException) {
      callback.failed(
          TIMEOUT,
          "SQS did not accept the message for "
              + queueUrl
              + " within "
              + settings.apiCallTimeout()
              + " ("
              + where()
              + ")");
    } else if (e instanceof CancellationException) {
      callback.failed(CLIENT, "Sending the message to " + queueUrl + " was cancelled");
    } else {
      callback.failed(
          CLIENT,
          "Unable to send the message to "
              + queueUrl
              + ": SQS could not be reached at "
              + where()
              + " ("
              + (e instanceof SdkClientException ? "" : e.getClass().getSimpleName() + ": ")
              + rootMessage(e)
              + ")");
    }
  }

  private String where() {
    return settings.endpoint() != null
        ? settings.endpoint().toString()
        : "AWS's endpoint in " + client.serviceClientConfiguration().region();
  }

  /** {@code SQS.} and the SDK's exception name; AWS's generic name for an unmodelled error. */
  static String errorName(SqsException e) {
    return e.getClass() == SqsException.class ? SQS : "SQS." + e.getClass().getSimpleName();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Region region(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Region.of(configured);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException none) {
      return Region.US_EAST_1;
    }
  }

  private static AwsCredentialsProvider credentials(SqsSettings settings) {
    if (settings.accessKeyId() != null && !settings.accessKeyId().isBlank()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
