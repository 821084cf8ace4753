package io.stepflow.connectors.http;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ClientHeaders;
import io.stepflow.connectors.Connector;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.EgressPolicy;
import io.stepflow.connectors.HostLimits;
import io.stepflow.connectors.InFlightCalls;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@code arn:aws:states:::http:invoke} as AWS's HTTP Task does: Parameters ApiEndpoint,
 * Method, Headers, QueryParameters, RequestBody, Transform and Authentication.ConnectionArn; the
 * result is {@code {StatusCode, StatusText, Headers, ResponseBody}}. Credentials come from the
 * connection named in the definition and never appear in the task's parameters, result or error.
 *
 * <p>Errors: a non-2xx answer fails with {@code States.Http.StatusCode.<code>} and the answer, in
 * the result's shape, as JSON cause; no answer in time, a refused or broken connection or an
 * unknown host fail with {@code States.Http.Socket}; a host outside the allow-list with {@code
 * States.Permissions}; an unknown connection with {@code
 * Events.ConnectionResource.ResourceNotFound}; an OAuth token that cannot be had with {@code
 * Events.ConnectionResource.InvalidConnectionState}; unusable parameters with {@code
 * States.Runtime}.
 *
 * <p>Requests use the JDK client's asynchronous API on virtual threads: no platform thread waits.
 */
public final class HttpConnector implements Connector, AutoCloseable {

  public static final String SOCKET = "States.Http.Socket";
  public static final String STATUS_CODE = "States.Http.StatusCode.";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RUNTIME = "States.Runtime";
  public static final String CONNECTION_NOT_FOUND = "Events.ConnectionResource.ResourceNotFound";
  public static final String CONNECTION_INVALID =
      "Events.ConnectionResource.InvalidConnectionState";

  private static final Logger LOG = Logger.getLogger(HttpConnector.class.getName());
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

  /** Headers the connection or the client sets; a definition may not. */
  private static final Set<String> FORBIDDEN_HEADERS = forbiddenHeaders();

  private final HttpSettings settings;
  private final EgressPolicy egress;
  private final HttpClient client;
  private final Clock clock;
  private final InFlightCalls inFlight = new InFlightCalls();
  private final HostLimits limits;
  private final Map<String, OAuthToken> tokens = new ConcurrentHashMap<>();

  public HttpConnector(HttpSettings settings) {
    this(settings, Clock.systemUTC());
  }

  HttpConnector(HttpSettings settings, Clock clock) {
    this.settings = settings;
    this.egress = new EgressPolicy(settings.allowedHosts());
    this.clock = clock;
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
    return "http";
  }

  @Override
  public Set<IntegrationPattern> patterns(ResourceArn resource) {
    return resource.kind() == ResourceArn.Kind.SERVICE_INTEGRATION
            && resource.service().equals("http")
            && resource.action().equals("invoke")
        ? Set.of(IntegrationPattern.REQUEST_RESPONSE)
        : Set.of();
  }

  @Override
  public void start(ConnectorTask task, ConnectorCallback callback) {
    Call call;
    try {
      call = Call.of(task.parameters());
    } catch (BadParameter e) {
      callback.failed(RUNTIME, e.getMessage());
      return;
    }
    if (!egress.allows(call.uri.getHost())) {
      callback.failed(
          PERMISSIONS,
          "The host "
              + call.uri.getHost()
              + " of ApiEndpoint is not in stepflow.connectors.http.allowed-hosts "
              + egress);
      return;
    }
    HttpConnection connection = null;
    if (call.connection != null) {
      connection = settings.connections().get(connectionName(call.connection));
      if (connection == null) {
        callback.failed(
            CONNECTION_NOT_FOUND,
            "No connection named "
                + connectionName(call.connection)
                + " is configured under stepflow.connectors.http.connections (Authentication.ConnectionArn "
                + call.connection
                + ")");
        return;
      }
    }
    HttpConnection conn = connection;
    CompletableFuture<HttpResponse<byte[]>> sent =
        limits.submit(HostLimits.origin(call.uri), () -> exchange(call, conn));
    inFlight
        .track(task, sent)
        .whenComplete(
            (response, error) -> {
              try {
                if (error != null) {
                  report(callback, call, error);
                } else {
                  answer(callback, response);
                }
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not report the outcome of an HTTP Task", e);
                callback.failed(
                    RUNTIME,
                    "Could not read the answer of "
                        + call.method
                        + " "
                        + call.safeUri()
                        + ": "
                        + e);
              }
            });
  }

  /**
   * Authorizes and sends one request. Without an OAuth token to fetch, the answer is the client's
   * own future, so that cancelling the task aborts the request.
   */
  private CompletableFuture<HttpResponse<byte[]>> exchange(Call call, HttpConnection connection) {
    CompletableFuture<String> authorization = authorization(call.connection, connection);
    if (authorization.isDone() && !authorization.isCompletedExceptionally()) {
      return send(call, connection, authorization.join());
    }
    return authorization.thenCompose(auth -> send(call, connection, auth));
  }

  private CompletableFuture<HttpResponse<byte[]>> send(
      Call call, HttpConnection connection, String authorization) {
    return client.sendAsync(
        request(call, connection, authorization), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void cancel(ConnectorTask task) {
    inFlight.cancel(task);
  }

  @Override
  public void close() {
    client.close();
  }

  /** The client's own headers, and the credentials that only a connection may set. */
  private static Set<String> forbiddenHeaders() {
    Set<String> forbidden = new java.util.HashSet<>(ClientHeaders.SET_BY_CLIENT);
    forbidden.add("authorization");
    forbidden.add("proxy-authorization");
    return Set.copyOf(forbidden);
  }

  /** The connection name in a ConnectionArn: the name itself, or the part after connection/. */
  static String connectionName(String arnOrName) {
    int at = arnOrName.indexOf(":connection/");
    if (!arnOrName.startsWith("arn:") || at < 0) {
      return arnOrName;
    }
    String rest = arnOrName.substring(at + ":connection/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private HttpRequest request(Call call, HttpConnection connection, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri).timeout(settings.readTimeout());
    call.headers.forEach(b::header);
    if (connection != null) {
      connection.headers().forEach(b::setHeader);
      if (connection.type() == HttpConnection.Type.API_KEY) {
        b.setHeader(connection.apiKeyName(), connection.apiKeyValue());
      }
    }
    if (authorization != null) {
      b.setHeader("Authorization", authorization);
    }
    if (call.body == null) {
      b.method(call.method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (call.headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
        b.header("Content-Type", call.contentType);
      }
      b.method(call.method, HttpRequest.BodyPublishers.ofString(call.body, StandardCharsets.UTF_8));
    }
    return b.build();
  }

  /** The Authorization header value the connection needs, or null. */
  private CompletableFuture<String> authorization(String name, HttpConnection connection) {
    if (connection == null) {
      return CompletableFuture.completedFuture(null);
    }
    return switch (connection.type()) {
      case NONE, API_KEY -> CompletableFuture.completedFuture(null);
      case BASIC ->
          CompletableFuture.completedFuture(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (connection.username() + ":" + connection.password())
                              .getBytes(StandardCharsets.UTF_8)));
      case BEARER -> CompletableFuture.completedFuture("Bearer " + connection.token());
      case OAUTH_CLIENT_CREDENTIALS -> oauthToken(connectionName(name), connection);
    };
  }

  private record OAuthToken(String value, Instant expires) {}

  private CompletableFuture<String> oauthToken(String name, HttpConnection c) {
    OAuthToken cached = tokens.get(name);
    Instant now = clock.instant();
    if (cached != null && cached.expires.isAfter(now)) {
      return CompletableFuture.completedFuture("Bearer " + cached.value);
    }
    String form =
        "grant_type=client_credentials" + (c.scope() == null ? "" : "&scope=" + encode(c.scope()));
    HttpRequest tokenRequest =
        HttpRequest.newBuilder(c.tokenEndpoint())
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (encode(c.clientId()) + ":" + encode(c.clientSecret()))
                                .getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return client
        .sendAsync(tokenRequest, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null || response.statusCode() / 100 != 2) {
                throw new ConnectionFailure(
                    "The OAuth token endpoint of connection "
                        + name
                        + " answered "
                        + (error != null
                            ? unwrap(error).getClass().getSimpleName()
                            : response.statusCode()));
              }
              Object token;
              try {
                token = Json.parse(response.body());
              } catch (RuntimeException e) {
                token = null;
              }
              if (!(token instanceof Map<?, ?> map)
                  || !(map.get("access_token") instanceof String value)) {
                throw new ConnectionFailure(
                    "The OAuth token endpoint of connection " + name + " answered no access_token");
              }
              long seconds =
                  map.get("expires_in") instanceof Number n ? Math.max(0, n.longValue() - 30) : 300;
              tokens.put(name, new OAuthToken(value, now.plusSeconds(seconds)));
              return "Bearer " + value;
            });
  }

  private static final class ConnectionFailure extends RuntimeException {
    ConnectionFailure(String message) {
      super(message, null, false, false);
    }
  }

  private static void answer(ConnectorCallback callback, HttpResponse<byte[]> response) {
    Map<String, Object> result = result(response);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      callback.succeeded(result);
    } else {
      callback.failed(STATUS_CODE + status, Json.write(result));
    }
  }

  /** AWS's shape: StatusCode, StatusText, Headers (each a list of values), ResponseBody. */
  static Map<String, Object> result(HttpResponse<byte[]> response) {
    Map<String, Object> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                headers.put(name, List.copyOf(values));
              }
            });
    String text = new String(response.body(), StandardCharsets.UTF_8);
    Object body = text;
    String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (!text.isEmpty() && (type.contains("/json") || type.contains("+json"))) {
      try {
        body = Json.parse(text);
      } catch (RuntimeException e) {
        body = text;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("Headers", headers);
    result.put("ResponseBody", body);
    result.put("StatusCode", response.statusCode());
    result.put("StatusText", ReasonPhrases.of(response.statusCode()));
    return result;
  }

  private void report(ConnectorCallback callback, Call call, Throwable error) {
    Throwable e = unwrap(error);
    String target = call.method + " " + call.safeUri();
    if (e instanceof ConnectionFailure f) {
      callback.failed(CONNECTION_INVALID, f.getMessage());
    } else if (e instanceof HttpConnectTimeoutException) {
      callback.failed(
          SOCKET,
          "No connection to "
              + target
              + " within the connect timeout of "
              + settings.connectTimeout());
    } else if (e instanceof HttpTimeoutException) {
      callback.failed(
          SOCKET,
          "No answer from " + target + " within the read timeout of " + settings.readTimeout());
    } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      callback.failed(SOCKET, "The connection to " + target + " was refused");
    } else if (e instanceof UnresolvedAddressException
        || e.getCause() instanceof UnresolvedAddressException) {
      callback.failed(SOCKET, "The host of " + target + " is unknown");
    } else if (e instanceof IllegalArgumentException
        && String.valueOf(e.getMessage()).startsWith("invalid header")) {
      // the JDK's message quotes the refused value, which may be a connection's secret
      callback.failed(
          RUNTIME,
          "The request "
              + target
              + " cannot be sent: a header name or value is not allowed in HTTP (a line break, or a"
              + " character outside ISO-8859-1)");
    } else if (e instanceof IllegalArgumentException) {
      callback.failed(RUNTIME, "The request " + target + " cannot be sent: " + e.getMessage());
    } else if (e instanceof CancellationException) {
      callback.failed(RUNTIME, "The request " + target + " was cancelled");
    } else {
      callback.failed(
          SOCKET,
          "The request "
              + target
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException
            || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static final class BadParameter extends Exception {
    BadParameter(String message) {
      super(message, null, false, false);
    }
  }

  /** One HTTP Task's request, checked and encoded. */
  private record Call(
      URI uri,
      String method,
      Map<String, String> headers,
      String body,
      String contentType,
      String connection) {

    /** The endpoint without its query, which may carry secrets of the definition's own. */
    String safeUri() {
      return uri.getScheme()
          + "://"
          + uri.getRawAuthority()
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static Call of(Object parameters) throws BadParameter {
      if (!(parameters instanceof Map<?, ?> p)) {
        throw new BadParameter(
            "Expected the Parameters of an HTTP Task to be an object with ApiEndpoint and Method");
      }
      for (Object key : p.keySet()) {
        if (!Set.of(
                "ApiEndpoint",
                "Method",
                "Headers",
                "QueryParameters",
                "RequestBody",
                "Transform",
                "Authentication")
            .contains(key)) {
          throw new BadParameter(
              "Expected the Parameters ApiEndpoint, Method, Authentication, Headers, QueryParameters, RequestBody and Transform, but found "
                  + key);
        }
      }
      if (!(p.get("ApiEndpoint") instanceof String endpoint)) {
        throw new BadParameter(
            "Expected ApiEndpoint to be an http or https URL text, but found "
                + Json.typeName(p.get("ApiEndpoint")));
      }
      URI uri;
      try {
        uri = new URI(endpoint);
      } catch (URISyntaxException e) {
        throw new BadParameter(
            "Expected ApiEndpoint to be an http or https URL, but found " + endpoint);
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equalsIgnoreCase("http")
              || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new BadParameter(
            "Expected ApiEndpoint to be an http or https URL with a host, but found " + endpoint);
      }
      if (!(p.get("Method") instanceof String method)
          || !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        throw new BadParameter(
            "Expected Method to be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, but found "
                + p.get("Method"));
      }
      String connection = null;
      if (p.get("Authentication") != null) {
        if (!(p.get("Authentication") instanceof Map<?, ?> auth)
            || !(auth.get("ConnectionArn") instanceof String arn)) {
          throw new BadParameter(
              "Expected Authentication to be an object with a ConnectionArn text");
        }
        connection = arn;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (p.get("Headers") != null) {
        if (!(p.get("Headers") instanceof Map<?, ?> h)) {
          throw new BadParameter(
              "Expected Headers to be an object, but found " + Json.typeName(p.get("Headers")));
        }
        for (Map.Entry<?, ?> e : h.entrySet()) {
          String name = (String) e.getKey();
          String lower = name.toLowerCase(Locale.ROOT);
          if (FORBIDDEN_HEADERS.contains(lower)
              || lower.startsWith("x-amz-")
              || lower.startsWith("x-amzn-")) {
            throw new BadParameter(
                "The header "
                    + name
                    + " may not be set by a definition; the connection or the client sets it");
          }
          headers.put(name, scalarOrJoined(e.getValue()));
        }
      }
      uri = withQuery(uri, p.get("QueryParameters"));
      String contentType = "application/json; charset=UTF-8";
      String body = null;
      Object requestBody = p.get("RequestBody");
      String encoding = "NONE";
      String arrays = "INDICES";
      if (p.get("Transform") instanceof Map<?, ?> t) {
        if (t.get("RequestBodyEncoding") instanceof String e) {
          encoding = e;
        }
        if (t.get("RequestEncodingOptions") instanceof Map<?, ?> o
            && o.get("ArrayFormat") instanceof String a) {
          arrays = a;
        }
      } else if (p.get("Transform") != null) {
        throw new BadParameter("Expected Transform to be an object");
      }
      if (!Set.of("NONE", "URL_ENCODED").contains(encoding)) {
        throw new BadParameter(
            "Expected Transform.RequestBodyEncoding NONE or URL_ENCODED, but found " + encoding);
      }
      if (!Set.of("BRACKETS", "COMMAS", "REPEAT", "INDICES").contains(arrays)) {
        throw new BadParameter(
            "Expected RequestEncodingOptions.ArrayFormat BRACKETS, COMMAS, REPEAT or INDICES, but found "
                + arrays);
      }
      if (requestBody != null) {
        if (encoding.equals("URL_ENCODED")) {
          if (!(requestBody instanceof Map<?, ?> form)) {
            throw new BadParameter(
                "Expected RequestBody to be an object when RequestBodyEncoding is URL_ENCODED");
          }
          List<String> pairs = new ArrayList<>();
          urlEncode(pairs, null, form, arrays);
          body = String.join("&", pairs);
          contentType = "application/x-www-form-urlencoded";
        } else {
          body = requestBody instanceof String s ? s : Json.write(requestBody);
        }
      }
      return new Call(uri, method.toUpperCase(Locale.ROOT), headers, body, contentType, connection);
    }

    private static URI withQuery(URI uri, Object query) throws BadParameter {
      if (query == null) {
        return uri;
      }
      if (!(query instanceof Map<?, ?> q)) {
        throw new BadParameter(
            "Expected QueryParameters to be an object, but found " + Json.typeName(query));
      }
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<?, ?> e : q.entrySet()) {
        String name = encode((String) e.getKey());
        if (e.getValue() instanceof List<?> values) {
          for (Object v : values) {
            pairs.add(name + "=" + encode(scalar(v)));
          }
        } else {
          pairs.add(name + "=" + encode(scalar(e.getValue())));
        }
      }
      if (pairs.isEmpty()) {
        return uri;
      }
      String s = uri.toString();
      int hash = s.indexOf('#');
      if (hash >= 0) {
        s = s.substring(0, hash);
      }
      return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + String.join("&", pairs));
    }

    private static void urlEncode(List<String> pairs, String prefix, Object value, String arrays) {
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = prefix == null ? (String) e.getKey() : prefix + "[" + e.getKey() + "]";
          urlEncode(pairs, key, e.getValue(), arrays);
        }
      } else if (value instanceof List<?> list) {
        if (arrays.equals("COMMAS")) {
          List<String> items = new ArrayList<>();
          for (Object v : list) {
            items.add(scalar(v));
          }
          pairs.add(encode(prefix) + "=" + encode(String.join(",", items)));
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          String key =
              switch (arrays) {
                case "BRACKETS" -> prefix + "[]";
                case "REPEAT" -> prefix;
                default -> prefix + "[" + i + "]";
              };
          urlEncode(pairs, key, list.get(i), arrays);
        }
      } else {
        pairs.add(encode(prefix) + "=" + encode(scalar(value)));
      }
    }

    private static String scalarOrJoined(Object value) {
      if (value instanceof List<?> list) {
        List<String> items = new ArrayList<>();
        for (Object v : list) {
          items.add(scalar(v));
        }
        return String.join(",", items);
      }
      return scalar(value);
    }

    private static String scalar(Object value) {
      if (value == null) {
        return "";
      }
      if (value instanceof String s) {
        return s;
      }
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        return Json.write(value);
      }
      return Json.write(value);
    }
  }
}
