package io.stepflow.connectors.aws;

import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What the connectors that call AWS services through the AWS SDK for Java v2 (SQS, SNS) share: the
 * client built from their settings, the metadata AWS's optimized integrations add to a result, and
 * how a call that got no answer from the service fails the task.
 */
public final class AwsSdk {

  private static final Logger LOG = Logger.getLogger(AwsSdk.class.getName());

  private AwsSdk() {}

  /**
   * Reports an SDK call the task made, once it answers: a {@code .waitForTaskToken} task as
   * submitted (it goes on waiting for its token), any other as succeeded, each with {@code result}
   * of the answer; a failure goes to {@code failed}. The call is tracked in {@code inFlight}, so
   * that cancelling the task cancels it.
   */
  public static <R> void report(
      ConnectorTask task,
      ConnectorCallback callback,
      InFlightCalls inFlight,
      CompletableFuture<R> call,
      Function<R, Object> result,
      Consumer<Throwable> failed) {
    boolean waitForToken =
        task.resource().integrationPattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    inFlight
        .track(task, call)
        .whenComplete(
            (response, error) -> {
              try {
                if (error != null) {
                  failed.accept(error);
                } else if (waitForToken) {
                  callback.submitted(result.apply(response));
                } else {
                  callback.succeeded(result.apply(response));
                }
              } catch (RuntimeException e) {
                // the call was made: say so loudly, as the task now waits for its timeout
                LOG.log(
                    Level.WARNING,
                    "Could not report the answer of "
                        + task.resource().arn()
                        + " for task "
                        + task.taskId()
                        + " of "
                        + task.executionArn(),
                    e);
              }
            });
  }

  /**
   * Builds a client with the settings' region, credentials and call timeout, against their endpoint
   * when they name one.
   */
  public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, AwsClientSettings s) {
    builder
        .region(region(s.region()))
        .credentialsProvider(credentials(s.accessKeyId(), s.secretAccessKey()))
        .overrideConfiguration(c -> c.apiCallTimeout(s.apiCallTimeout()));
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    return builder.build();
  }

  /** Where calls go, for causes: the endpoint, or AWS's endpoint in the client's region. */
  private static String where(AwsClientSettings s, Region region) {
    return s.endpoint() != null ? s.endpoint().toString() : "AWS's endpoint in " + region;
  }

  /**
   * Reports a call the service gave no answer of its own to: {@code <service>.}{@code
   * ClientExecutionTimeoutException} when it took longer than the settings allow, else {@code
   * <service>.SdkClientException} (the service could not be reached, or the call was cancelled).
   *
   * @param service the service's prefix for error names and causes, such as {@code SQS}
   * @param verb what the call did to the message, such as {@code send} or {@code publish}
   * @param destination where the message was going, such as a queue URL or topic ARN
   * @param region the region the client calls, named when the settings give no endpoint
   */
  public static void failedWithoutAnswer(
      ConnectorCallback callback,
      String service,
      String verb,
      String destination,
      Throwable e,
      AwsClientSettings settings,
      Region region) {
    String where = where(settings, region);
    if (e instanceof ApiCallTimeoutException) {
      callback.failed(
          service + ".ClientExecutionTimeoutException",
          service
              + " did not accept the message for "
              + destination
              + " within "
              + settings.apiCallTimeout()
              + " ("
              + where
              + ")");
    } else if (e instanceof CancellationException) {
      callback.failed(
          service + ".SdkClientException",
          Character.toUpperCase(verb.charAt(0))
              + verb.substring(1)
              + "ing the message to "
              + destination
              + " was cancelled");
    } else {
      callback.failed(
          service + ".SdkClientException",
          "Unable to "
              + verb
              + " the message to "
              + destination
              + ": "
              + service
              + " could not be reached at "
              + where
              + " ("
              + (e instanceof SdkClientException ? "" : e.getClass().getSimpleName() + ": ")
              + rootMessage(e)
              + firstAttempt(e)
              + ")");
    }
  }

  /**
   * Why the first of the SDK's attempts failed, when the last one failed otherwise: a refused
   * connection retried on a busy machine can end in the connection pool's acquire timeout, which
   * alone hides that nothing listened. Empty when the attempts failed alike, or there was one.
   */
  static String firstAttempt(Throwable e) {
    String last = rootMessage(e);
    for (Throwable earlier : e.getSuppressed()) {
      String message = earlier.getMessage();
      if (message == null) {
        continue;
      }
      int failure = message.indexOf(": ");
      String reason = failure < 0 ? message : message.substring(failure + 2);
      return last.contains(reason) ? "" : "; the first attempt: " + reason;
    }
    return "";
  }

  /** A settings record's text, with the secret key masked. */
  public static String describe(String name, AwsClientSettings s) {
    return name
        + "[endpoint="
        + s.endpoint()
        + ", region="
        + s.region()
        + ", accessKeyId="
        + s.accessKeyId()
        + ", secretAccessKey="
        + (s.secretAccessKey() == null ? null : "****")
        + ", apiCallTimeout="
        + s.apiCallTimeout()
        + "]";
  }

  /**
   * The configured region; without one the SDK's default (AWS_REGION, the profile), else us-east-1.
   */
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

  /** A static key pair when one is configured, else the SDK's default credentials chain. */
  private static AwsCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
    if (accessKeyId != null && !accessKeyId.isBlank()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * Refuses a key id without its secret or a secret without its key id.
   *
   * @param service the service the keys are for, as the message names it, such as {@code SQS}
   */
  public static void requireBothOrNeither(
      String service, String accessKeyId, String secretAccessKey) {
    if ((accessKeyId == null || accessKeyId.isBlank())
        != (secretAccessKey == null || secretAccessKey.isBlank())) {
      throw new IllegalArgumentException(
          "Expected both an "
              + service
              + " access key id and a secret access key, or neither, but only one is set");
    }
  }

  /**
   * Adds the HTTP and request metadata AWS's optimized integrations put in a result, under the
   * names the Java SDK v1 gave them: {@code SdkHttpMetadata: {AllHttpHeaders, HttpHeaders,
   * HttpStatusCode}} and {@code SdkResponseMetadata: {RequestId}}.
   */
  public static void putMetadata(Map<String, Object> result, AwsResponse response) {
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
  }

  /** The failure an asynchronous SDK call ended with, without its CompletionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The failure's message followed by its root cause's, as a cause text for a task. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
