package io.stepflow.connectors.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * How requests through one named connection authenticate, as AWS's EventBridge connections do: the
 * credentials live in the server's configuration, and a definition names the connection only
 * ({@code Authentication.ConnectionArn}). {@link #toString()} shows no secret.
 *
 * @param type how the request authenticates
 * @param apiKeyName the header that carries the key, for {@link Type#API_KEY}
 * @param apiKeyValue the key, for {@link Type#API_KEY} (secret)
 * @param username the user, for {@link Type#BASIC}
 * @param password the password, for {@link Type#BASIC} (secret)
 * @param token the bearer token, for {@link Type#BEARER} (secret)
 * @param tokenEndpoint where the token is requested, for {@link Type#OAUTH_CLIENT_CREDENTIALS}
 * @param clientId the OAuth client id, for {@link Type#OAUTH_CLIENT_CREDENTIALS}
 * @param clientSecret the OAuth client secret, for {@link Type#OAUTH_CLIENT_CREDENTIALS} (secret)
 * @param scope the OAuth scope to ask for, or null
 * @param headers further headers every request through the connection carries (may be secret)
 */
public record HttpConnection(
    Type type,
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

  /** The authorization schemes a connection can use. */
  public enum Type {
    /** No authorization; only the connection's {@code headers}. */
    NONE,
    /** A key in a header of the connection's choosing. */
    API_KEY,
    /** HTTP Basic authentication. */
    BASIC,
    /** A fixed bearer token in the Authorization header. */
    BEARER,
    /** A token from the OAuth 2 client-credentials grant, cached until it expires. */
    OAUTH_CLIENT_CREDENTIALS
  }

  public HttpConnection {
    Objects.requireNonNull(type, "type");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    String missing =
        switch (type) {
          case NONE -> null;
          case API_KEY ->
              apiKeyName == null || apiKeyValue == null ? "api-key-name and api-key-value" : null;
          case BASIC -> username == null || password == null ? "username and password" : null;
          case BEARER -> token == null ? "token" : null;
          case OAUTH_CLIENT_CREDENTIALS ->
              tokenEndpoint == null || clientId == null || clientSecret == null
                  ? "token-endpoint, client-id and client-secret"
                  : null;
        };
    if (missing != null) {
      throw new IllegalArgumentException(
          "Expected " + missing + " for a connection of type " + type + ", but some are missing");
    }
  }

  /** A connection that adds only an API key header. */
  public static HttpConnection apiKey(String header, String key) {
    return new HttpConnection(
        Type.API_KEY, header, key, null, null, null, null, null, null, null, null);
  }

  /** A connection with HTTP Basic authentication. */
  public static HttpConnection basic(String username, String password) {
    return new HttpConnection(
        Type.BASIC, null, null, username, password, null, null, null, null, null, null);
  }

  /** A connection with a fixed bearer token. */
  public static HttpConnection bearer(String token) {
    return new HttpConnection(
        Type.BEARER, null, null, null, null, token, null, null, null, null, null);
  }

  /** A connection that gets its bearer token by the OAuth 2 client-credentials grant. */
  public static HttpConnection oauthClientCredentials(
      URI tokenEndpoint, String clientId, String clientSecret, String scope) {
    return new HttpConnection(
        Type.OAUTH_CLIENT_CREDENTIALS,
        null,
        null,
        null,
        null,
        null,
        tokenEndpoint,
        clientId,
        clientSecret,
        scope,
        null);
  }

  @Override
  public String toString() {
    return "HttpConnection[type="
        + type
        + (apiKeyName == null ? "" : ", apiKeyName=" + apiKeyName)
        + (username == null ? "" : ", username=" + username)
        + (tokenEndpoint == null ? "" : ", tokenEndpoint=" + tokenEndpoint)
        + (clientId == null ? "" : ", clientId=" + clientId)
        + ", headers="
        + headers.keySet()
        + ", secrets hidden]";
  }
}
