package io.stepflow.connectors.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Lambda functions that definitions name really run: each function name maps to an HTTP
 * URL that receives the payload as a JSON POST and answers the result.
 *
 * @param connectTimeout how long to wait for a connection to a function
 * @param readTimeout how long to wait for a function's answer once connected
 * @param functions the function URLs by function name; a name may carry a qualifier ({@code
 *     name:alias}), which is looked up first, then the plain name
 * @param maxRequestsPerHost how many invocations may be in flight to one scheme, host and port;
 *     more wait, in order, for one to end
 */
public record LambdaSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Map<String, URI> functions,
    int maxRequestsPerHost) {

  public LambdaSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    functions = functions == null ? Map.of() : Map.copyOf(functions);
    if (maxRequestsPerHost < 1) {
      throw new IllegalArgumentException(
          "Expected maxRequestsPerHost of at least 1, but found " + maxRequestsPerHost);
    }
  }

  /** 5 s to connect, 15 minutes to answer (Lambda's longest run), no functions, 64 per host. */
  public static LambdaSettings defaults() {
    return new LambdaSettings(Duration.ofSeconds(5), Duration.ofMinutes(15), Map.of(), 64);
  }

  public LambdaSettings withFunctions(Map<String, URI> named) {
    return new LambdaSettings(connectTimeout, readTimeout, named, maxRequestsPerHost);
  }

  public LambdaSettings withTimeouts(Duration connect, Duration read) {
    return new LambdaSettings(connect, read, functions, maxRequestsPerHost);
  }
}
