package io.stepflow.connectors.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTTP connector may reach and how.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long to wait for the answer's status and headers once connected; AWS stops
 *     an HTTP Task after 60 seconds
 * @param allowedHosts the hosts a definition may call: {@code *} for any, {@code *.example.com} for
 *     example.com's subdomains, otherwise the exact host name or address; an empty list allows none
 * @param connections the named connections, by name (a definition's ConnectionArn may be the name
 *     or an EventBridge connection ARN {@code arn:aws:events:<region>:<account>:connection/<name>})
 * @param maxRequestsPerHost how many requests may be in flight to one scheme, host and port; more
 *     wait, in order, for one to end
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    List<String> allowedHosts,
    Map<String, HttpConnection> connections,
    int maxRequestsPerHost) {

  /** The default bound on requests in flight to one host. */
  public static final int DEFAULT_MAX_REQUESTS_PER_HOST = 64;

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    connections = connections == null ? Map.of() : Map.copyOf(connections);
    if (maxRequestsPerHost < 1) {
      throw new IllegalArgumentException(
          "Expected maxRequestsPerHost of at least 1, but found " + maxRequestsPerHost);
    }
  }

  /** 5 s to connect, 60 s to answer (AWS's limit), every host, no connections, 64 per host. */
  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        List.of("*"),
        Map.of(),
        DEFAULT_MAX_REQUESTS_PER_HOST);
  }

  public HttpSettings withAllowedHosts(List<String> hosts) {
    return new HttpSettings(connectTimeout, readTimeout, hosts, connections, maxRequestsPerHost);
  }

  public HttpSettings withConnections(Map<String, HttpConnection> named) {
    return new HttpSettings(connectTimeout, readTimeout, allowedHosts, named, maxRequestsPerHost);
  }

  public HttpSettings withTimeouts(Duration connect, Duration read) {
    return new HttpSettings(connect, read, allowedHosts, connections, maxRequestsPerHost);
  }

  public HttpSettings withMaxRequestsPerHost(int max) {
    return new HttpSettings(connectTimeout, readTimeout, allowedHosts, connections, max);
  }
}
