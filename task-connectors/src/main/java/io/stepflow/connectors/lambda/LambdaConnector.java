package io.stepflow.connectors.lambda;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.HostLimits;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Lambda functions as HTTP functions configured on the server, so that definitions written for
 * AWS run unchanged. Serves {@code arn:aws:lambda:<region>:<account>:function:<name>} (the result
 * is the function's answer) and {@code arn:aws:states:::lambda:invoke} (Parameters FunctionName and
 * Payload; the result wraps the answer as AWS does: {@code {ExecutedVersion, Payload,
 * SdkHttpMetadata, SdkResponseMetadata, StatusCode}}), also with {@code .waitForTaskToken}.
 *
 * <p>The function receives the payload as a JSON POST. It fails by answering non-2xx (or 2xx with
 * an {@code X-Amz-Function-Error} header, as Lambda's own invoke API does) with {@code {errorType,
 * errorMessage}}: the task fails with error = errorType and cause = the answer's text. A function
 * that answers no errorType fails with {@code Lambda.ServiceException} (5xx), {@code
 * Lambda.TooManyRequestsException} (429) or {@code Lambda.AWSLambdaException} (other 4xx); one that
 * cannot be reached with {@code Lambda.SdkClientException}, or {@code
 * Lambda.ClientExecutionTimeoutException} when it does not answer in time; an unknown function with
 * {@code Lambda.ResourceNotFoundException}.
 */
public final class LambdaConnector implements Connector, AutoCloseable {

  public static final String NOT_FOUND = "Lambda.ResourceNotFoundException";
  public static final String SERVICE = "Lambda.ServiceException";
  public static final String TOO_MANY_REQUESTS = "Lambda.TooManyRequestsException";
  public static final String CLIENT = "Lambda.SdkClientException";
  public static final String TIMEOUT = "Lambda.ClientExecutionTimeoutException";
  public static final String LAMBDA = "Lambda.AWSLambdaException";
  public static final String INVALID_PARAMETER = "Lambda.InvalidParameterValueException";

  /**
   * A name, a partial ARN (account:function:name) or a full function ARN, each with a qualifier.
   */
  private static final Pattern FUNCTION =
      Pattern.compile(
          "(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?(?:[0-9]{12}:)?(?:function:)?([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]+))?");

  private final LambdaSettings settings;
  private final HttpClient client;
  private final InFlightCalls inFlight = new InFlightCalls();
  private final HostLimits limits;

  public LambdaConnector(LambdaSettings settings) {
    this.settings = settings;
    this.limits = new HostLimits(settings.maxRequestsPerHost());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    if (resource.kind() == ResourceArn.Kind.LAMBDA_FUNCTION) {
      return Set.of(IntegrationPattern.REQUEST_RESPONSE);
    }
    if (resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
        && resource.service().equals("lambda")
        && resource.action().equals("invoke")) {
      return Set.of(IntegrationPattern.REQUEST_RESPONSE, IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    }
    return Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    boolean wrapped = task.resource().kind() == ResourceArn.Kind.SERVICE_INTEGRATION;
    String function;
    Object payload;
    if (wrapped) {
      if (!(task.parameters() instanceof Map<?, ?> p)
          || !(p.get("FunctionName") instanceof String f)) {
        callback.failed(
            INVALID_PARAMETER,
            "Expected Parameters with a FunctionName text for " + task.resource().arn());
        return;
      }
      function = f;
      payload = p.get("Payload");
    } else {
      function = task.resource().name().orElseThrow();
      payload = task.parameters();
    }
    Matcher m = FUNCTION.matcher(function);
    URI url = null;
    if (m.matches()) {
      String name = m.group(1);
      url = m.group(2) == null ? null : lookup(name + ":" + m.group(2));
      if (url == null) {
        url = lookup(name);
      }
    }
    if (url == null) {
      callback.failed(
          NOT_FOUND,
          "Function not found: "
              + function
              + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;"
              + " no URL is configured for it under stepflow.connectors.lambda.functions)");
      return;
    }
    String body = payload == null ? "{}" : Json.write(payload);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    boolean waitForToken =
        task.resource().integrationPattern() == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
    String target = function;
    CompletableFuture<HttpResponse<String>> sent =
        limits.submit(
            HostLimits.origin(url),
            () ->
                client.sendAsync(
                    request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    inFlight
        .track(task, sent)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                failed(callback, target, error);
                return;
              }
              int status = response.statusCode();
              boolean functionError =
                  response.headers().firstValue("X-Amz-Function-Error").isPresent();
              if (status / 100 != 2 || functionError) {
                callback.failed(errorName(status, response.body()), response.body());
                return;
              }
              Object result = parse(response.body());
              if (waitForToken) {
                callback.submitted(wrap(result, response)); // only lambda:invoke waits for one
              } else {
                callback.succeeded(wrapped ? wrap(result, response) : result);
              }
            });
  }

  /**
   * The URL for a function name: exactly, else ignoring case, since environment variables and some
   * property sources give map keys in lower case.
   */
  private URI lookup(String name) {
    URI url = settings.functions().get(name);
    if (url != null) {
      return url;
    }
    for (Map.Entry<String, URI> e : settings.functions().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public void cancel(ConnectorTask task) {
    inFlight.cancel(task);
  }

  @Override
  public void close() {
    client.close();
  }

  private static Object parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (RuntimeException e) {
      return text;
    }
  }

  /** The function's errorType, else a Lambda service error for the status. */
  private static String errorName(int status, String body) {
    if (parse(body) instanceof Map<?, ?> error
        && error.get("errorType") instanceof String type
        && !type.isBlank()) {
      return type;
    }
    if (status == 429) {
      return TOO_MANY_REQUESTS;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    return status >= 500 || status / 100 == 2 ? SERVICE : LAMBDA;
  }

  private static Map<String, Object> wrap(Object payload, HttpResponse<String> response) {
    String requestId = UUID.randomUUID().toString();
    Map<String, Object> headers = new LinkedHashMap<>();
    Map<String, Object> allHeaders = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                headers.put(name, String.join(",", values));
                allHeaders.put(name, List.copyOf(values));
              }
            });
    headers.putIfAbsent("x-amzn-RequestId", requestId);
    allHeaders.putIfAbsent("x-amzn-RequestId", List.of(requestId));
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("AllHttpHeaders", allHeaders);
    http.put("HttpHeaders", headers);
    http.put("HttpStatusCode", response.statusCode());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ExecutedVersion", "$LATEST");
    result.put("Payload", payload);
    result.put("SdkHttpMetadata", http);
    result.put("SdkResponseMetadata", Map.of("RequestId", requestId));
    result.put("StatusCode", response.statusCode());
    return result;
  }

  private void failed(ConnectorCallback callback, String function, Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof HttpConnectTimeoutException) {
      callback.failed(
          CLIENT,
          "Unable to connect to function " + function + " within " + settings.connectTimeout());
    } else if (e instanceof HttpTimeoutException) {
      callback.failed(
          TIMEOUT, "Function " + function + " did not answer within " + settings.readTimeout());
    } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      callback.failed(
          CLIENT, "Unable to reach function " + function + ": the connection was refused");
    } else if (e instanceof CancellationException) {
      callback.failed(CLIENT, "The invocation of function " + function + " was cancelled");
    } else {
      callback.failed(
          CLIENT,
          "Unable to invoke function "
              + function
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }
}
