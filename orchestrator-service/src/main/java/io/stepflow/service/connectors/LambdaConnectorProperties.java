package io.stepflow.service.connectors;

import io.stepflow.connectors.lambda.LambdaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lambda functions run as HTTP functions, under {@code stepflow.connectors.lambda.*}: Tasks on
 * {@code arn:aws:lambda:...:function:<name>} and {@code arn:aws:states:::lambda:invoke} POST their
 * payload to the URL configured for the function's name.
 *
 * @param connectTimeout how long to wait for a connection to a function. Default {@code 5s}.
 * @param readTimeout how long to wait for a function's answer; then the task fails with
 *     Lambda.ClientExecutionTimeoutException. Default {@code 15m} (Lambda's longest run).
 * @param functions the URL of each function, by name ({@code name:alias} is looked up before {@code
 *     name}); a function not listed fails with Lambda.ResourceNotFoundException. Default none.
 * @param maxRequestsPerHost how many invocations may be in flight to one scheme, host and port;
 *     more wait in order, holding no thread. Default {@code 64}.
 */
@ConfigurationProperties("stepflow.connectors.lambda")
public record LambdaConnectorProperties(
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15m") Duration readTimeout,
    Map<String, URI> functions,
    @DefaultValue("64") int maxRequestsPerHost) {

  LambdaSettings toSettings() {
    return new LambdaSettings(connectTimeout, readTimeout, functions, maxRequestsPerHost);
  }
}
