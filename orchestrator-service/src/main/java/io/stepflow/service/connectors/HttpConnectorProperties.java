package io.stepflow.service.connectors;

import io.stepflow.connectors.http.HttpConnection;
import io.stepflow.connectors.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP Task connector ({@code arn:aws:states:::http:invoke}), under {@code
 * stepflow.connectors.http.*}.
 *
 * @param connectTimeout how long to wait for a connection to an API. Default {@code 5s}.
 * @param readTimeout how long to wait for an API's answer once connected; the task then fails with
 *     States.Http.Socket, as AWS does after 60 s. Default {@code 60s}.
 * @param allowedHosts the hosts definitions may call: {@code *} any, {@code *.example.com} its
 *     subdomains, else an exact host name or address; checked on every request. Default {@code *}
 *     (narrow it in production).
 * @param connections the named connections whose credentials requests carry, by the name a
 *     definition's {@code Authentication.ConnectionArn} gives (or the name in an EventBridge
 *     connection ARN). Default none.
 * @param maxRequestsPerHost how many requests may be in flight to one scheme, host and port; more
 *     wait in order, holding no thread, so a burst reuses kept-alive connections instead of opening
 *     one per task. Default {@code 64}.
 */
@ConfigurationProperties("stepflow.connectors.http")
public record HttpConnectorProperties(
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("*") List<String> allowedHosts,
    Map<String, Connection> connections,
    @DefaultValue("64") int maxRequestsPerHost) {

  /**
   * One connection's credentials; secrets belong in the environment or a secret store, not in
   * definitions.
   *
   * @param type NONE, API_KEY, BASIC, BEARER or OAUTH_CLIENT_CREDENTIALS. Default {@code NONE}.
   * @param apiKeyName the header carrying the key, for API_KEY. No default.
   * @param apiKeyValue the key, for API_KEY. No default.
   * @param username the user, for BASIC. No default.
   * @param password the password, for BASIC. No default.
   * @param token the bearer token, for BEARER. No default.
   * @param tokenEndpoint the OAuth token URL, for OAUTH_CLIENT_CREDENTIALS. No default.
   * @param clientId the OAuth client id, for OAUTH_CLIENT_CREDENTIALS. No default.
   * @param clientSecret the OAuth client secret, for OAUTH_CLIENT_CREDENTIALS. No default.
   * @param scope the OAuth scope asked for. Default none.
   * @param headers headers every request through the connection carries. Default none.
   */
  public record Connection(
      @DefaultValue("NONE") HttpConnection.Type type,
      String apiKeyName,
      String apiKeyValue,
      String username,
      String password,
      String token,
      URI tokenEndpoint,
      String clientId,
      String clientSecret,
      String scope,
      Map<String, String> headers) {

    HttpConnection toConnection() {
      return new HttpConnection(
          type,
          apiKeyName,
          apiKeyValue,
          username,
          password,
          token,
          tokenEndpoint,
          clientId,
          clientSecret,
          scope,
          headers);
    }

    @Override
    public String toString() {
      return toConnection().toString();
    }
  }

  HttpSettings toSettings() {
    Map<String, HttpConnection> named = new LinkedHashMap<>();
    if (connections != null) {
      connections.forEach((name, c) -> named.put(name, c.toConnection()));
    }
    return new HttpSettings(connectTimeout, readTimeout, allowedHosts, named, maxRequestsPerHost);
  }
}
