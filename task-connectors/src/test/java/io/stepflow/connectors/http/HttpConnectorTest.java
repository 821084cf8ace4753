package io.stepflow.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.ConnectorTask;
import io.stepflow.connectors.EgressPolicy;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.connectors.ResourceArn;
import io.stepflow.connectors.http.LocalServer.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectorTest {

  private static final String INVOKE = "arn:aws:states:::http:invoke";
  private static final String SECRET = "s3cr3t-value-never-recorded";

  private LocalServer server;
  private HttpConnector connector;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    if (connector != null) {
      connector.close();
    }
  }

  private static ConnectorTask task(Object parameters) {
    return new ConnectorTask("exec", 1, ResourceArn.parse(INVOKE), parameters, null, null, null);
  }

  private Outcome.Result run(HttpSettings settings, Object parameters) {
    connector = new HttpConnector(settings);
    Outcome outcome = new Outcome();
    connector.start(task(parameters), outcome);
    return outcome.await();
  }

  @Test
  void shouldServeOnlyHttpInvokeRequestResponse() {
    // given a connector
    connector = new HttpConnector(HttpSettings.defaults());

    // when / then it serves http:invoke without suffix, and nothing else
    assertThat(connector.patterns(ResourceArn.parse(INVOKE)))
        .containsExactly(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(connector.patterns(ResourceArn.parse("arn:aws:states:::sns:publish"))).isEmpty();
  }

  @Test
  void shouldAnswerInAwsShapeWithTheJsonBodyParsedFor2xx() {
    // given a server that answers JSON
    server = new LocalServer(r -> Answer.json(201, "{\"id\":7,\"echo\":" + r.body() + "}"));

    // when a POST with query parameters, headers and a JSON body runs
    Outcome.Result result =
        run(
            HttpSettings.defaults(),
            Json.parse(
                """
                {"ApiEndpoint": "%s", "Method": "POST",
                 "Headers": {"X-Trace": "t1"},
                 "QueryParameters": {"q": "a b", "tag": ["x", "y"]},
                 "RequestBody": {"n": 1}}
                """
                    .formatted(server.url("/orders?fixed=1"))));

    // then the result has AWS's fields, and the server saw the request as written
    assertThat(result.error()).isNull();
    Map<?, ?> output = (Map<?, ?>) result.output();
    assertThat(output.get("StatusCode")).isEqualTo(201);
    assertThat(output.get("StatusText")).isEqualTo("Created");
    assertThat(output.get("ResponseBody")).isEqualTo(Json.parse("{\"id\":7,\"echo\":{\"n\":1}}"));
    assertThat(((Map<?, ?>) output.get("Headers")).containsKey("content-type")).isTrue();
    LocalServer.Received received = server.received.getFirst();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.uri()).isEqualTo("/orders?fixed=1&q=a+b&tag=x&tag=y");
    assertThat(received.headers().get("X-trace")).containsExactly("t1");
    assertThat(received.headers().get("Content-type").getFirst()).startsWith("application/json");
  }

  @Test
  void shouldEncodeTheBodyAsAFormWithTheChosenArrayFormat() {
    // given a server that answers text
    server = new LocalServer(r -> new Answer(200, "text/plain", "ok", 0));

    // when the body is URL-encoded with brackets for arrays
    Outcome.Result result =
        run(
            HttpSettings.defaults(),
            Json.parse(
                """
                {"ApiEndpoint": "%s", "Method": "PUT",
                 "RequestBody": {"a": ["x", "y"], "b": {"c": "d e"}},
                 "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                               "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}}
                """
                    .formatted(server.url("/form"))));

    // then the server got a form and the text answer stays text
    assertThat(((Map<?, ?>) result.output()).get("ResponseBody")).isEqualTo("ok");
    LocalServer.Received received = server.received.getFirst();
    assertThat(received.body()).isEqualTo("a%5B%5D=x&a%5B%5D=y&b%5Bc%5D=d+e");
    assertThat(received.headers().get("Content-type"))
        .containsExactly("application/x-www-form-urlencoded");
  }

  @Test
  void shouldFailWithTheStatusCodeErrorAndTheAnswerAsCauseForNon2xx() {
    // given a server that answers 404 and one that answers 503
    server =
        new LocalServer(
            r ->
                r.uri().startsWith("/missing")
                    ? Answer.json(404, "{\"message\":\"no such order\"}")
                    : new Answer(503, "text/plain", "busy", 0));
    connector = new HttpConnector(HttpSettings.defaults());

    // when each is called
    Outcome notFound = new Outcome();
    connector.start(task(Map.of("ApiEndpoint", server.url("/missing"), "Method", "GET")), notFound);
    Outcome unavailable = new Outcome();
    connector.start(task(Map.of("ApiEndpoint", server.url("/busy"), "Method", "GET")), unavailable);

    // then the error names the status and the cause is the answer in the result's shape
    Outcome.Result r404 = notFound.await();
    assertThat(r404.error()).isEqualTo("States.Http.StatusCode.404");
    Map<?, ?> cause = (Map<?, ?>) Json.parse(r404.cause());
    assertThat(cause.get("StatusCode")).isEqualTo(404);
    assertThat(cause.get("StatusText")).isEqualTo("Not Found");
    assertThat(cause.get("ResponseBody")).isEqualTo(Map.of("message", "no such order"));
    assertThat(unavailable.await().error()).isEqualTo("States.Http.StatusCode.503");
  }

  @Test
  void shouldFailWithHttpSocketWhenTheConnectionIsRefused() throws Exception {
    // given a port where nothing listens
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    // when it is called
    Outcome.Result result =
        run(
            HttpSettings.defaults(),
            Map.of("ApiEndpoint", "http://127.0.0.1:" + port + "/x", "Method", "GET"));

    // then the task fails with States.Http.Socket saying so
    assertThat(result.error()).isEqualTo("States.Http.Socket");
    assertThat(result.cause()).contains("refused").contains("127.0.0.1:" + port);
  }

  @Test
  void shouldFailWithHttpSocketWhenNoAnswerComesWithinTheReadTimeout() {
    // given a server that answers after 2 s and a read timeout of 200 ms
    server = new LocalServer(r -> new Answer(200, "text/plain", "late", 2000));

    // when it is called
    Outcome.Result result =
        run(
            HttpSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200)),
            Map.of("ApiEndpoint", server.url("/slow"), "Method", "GET"));

    // then the task fails with States.Http.Socket naming the timeout
    assertThat(result.error()).isEqualTo("States.Http.Socket");
    assertThat(result.cause()).contains("read timeout").contains("PT0.2S");
  }

  @Test
  void shouldRefuseAHostOutsideTheAllowListWithoutCallingIt() {
    // given an allow-list of example.com's subdomains only
    server = new LocalServer(r -> Answer.json(200, "{}"));

    // when a definition calls 127.0.0.1
    Outcome.Result result =
        run(
            HttpSettings.defaults().withAllowedHosts(List.of("*.example.com")),
            Map.of("ApiEndpoint", server.url("/x"), "Method", "GET"));

    // then the task fails with States.Permissions and no request was made
    assertThat(result.error()).isEqualTo("States.Permissions");
    assertThat(result.cause()).contains("127.0.0.1").contains("allowed-hosts");
    assertThat(server.received).isEmpty();
  }

  @Test
  void shouldAllowHostsByExactNameAndSubdomainPattern() {
    // given patterns
    EgressPolicy policy = new EgressPolicy(List.of("127.0.0.1", "*.example.com"));

    // when / then exact names and subdomains pass, others do not
    assertThat(policy.allows("127.0.0.1")).isTrue();
    assertThat(policy.allows("api.Example.com")).isTrue();
    assertThat(policy.allows("example.com.evil.org")).isFalse();
    assertThat(policy.allows("localhost")).isFalse();
  }

  @Test
  void shouldSendTheConnectionsCredentialsButNeverRecordThem() {
    // given an API key connection and a server that answers with its request headers' names
    server = new LocalServer(r -> Answer.json(200, "{\"ok\":true}"));
    HttpSettings settings =
        HttpSettings.defaults()
            .withConnections(Map.of("payments", HttpConnection.apiKey("X-Api-Key", SECRET)));
    Object parameters =
        Json.parse(
            """
            {"ApiEndpoint": "%s", "Method": "GET",
             "Authentication": {"ConnectionArn":
               "arn:aws:events:us-east-1:123456789012:connection/payments/0b1c2d"}}
            """
                .formatted(server.url("/pay")));
    String recordedParameters = Json.write(parameters);

    // when the task runs
    Outcome.Result result = run(settings, parameters);

    // then the server got the key, and neither the parameters, the result nor the settings show it
    assertThat(server.received.getFirst().headers().get("X-api-key")).containsExactly(SECRET);
    assertThat(recordedParameters).doesNotContain(SECRET);
    assertThat(Json.write(result.output())).doesNotContain(SECRET);
    assertThat(settings.toString()).doesNotContain(SECRET);
  }

  @Test
  void shouldAuthenticateWithBasicAndWithAnOAuthTokenItCaches() {
    // given a token endpoint and an API
    server =
        new LocalServer(
            r ->
                r.uri().startsWith("/token")
                    ? Answer.json(200, "{\"access_token\":\"tok-1\",\"expires_in\":3600}")
                    : Answer.json(200, "{}"));
    HttpSettings settings =
        HttpSettings.defaults()
            .withConnections(
                Map.of(
                    "basic", HttpConnection.basic("ann", SECRET),
                    "oauth",
                        HttpConnection.oauthClientCredentials(
                            URI.create(server.url("/token")), "client", SECRET, "read")));
    connector = new HttpConnector(settings);

    // when one call uses basic and two use OAuth
    for (String connection : List.of("basic", "oauth", "oauth")) {
      Outcome outcome = new Outcome();
      connector.start(
          task(
              Map.of(
                  "ApiEndpoint", server.url("/api"),
                  "Method", "GET",
                  "Authentication", Map.of("ConnectionArn", connection))),
          outcome);
      assertThat(outcome.await().error()).isNull();
    }

    // then the API saw Basic once and the bearer token twice, fetched once
    List<String> auth =
        server.received.stream()
            .filter(r -> r.uri().equals("/api"))
            .map(r -> r.headers().get("Authorization").getFirst())
            .toList();
    assertThat(auth.getFirst()).startsWith("Basic ");
    assertThat(auth.subList(1, 3)).containsExactly("Bearer tok-1", "Bearer tok-1");
    assertThat(server.received.stream().filter(r -> r.uri().equals("/token"))).hasSize(1);
  }

  @Test
  void shouldFailClearlyForAnUnknownConnectionAndAForbiddenHeader() {
    // given a server
    server = new LocalServer(r -> Answer.json(200, "{}"));
    connector = new HttpConnector(HttpSettings.defaults());

    // when a definition names no configured connection, or sets Authorization itself
    Outcome unknown = new Outcome();
    connector.start(
        task(
            Map.of(
                "ApiEndpoint", server.url("/x"),
                "Method", "GET",
                "Authentication", Map.of("ConnectionArn", "nope"))),
        unknown);
    Outcome forbidden = new Outcome();
    connector.start(
        task(
            Map.of(
                "ApiEndpoint",
                server.url("/x"),
                "Method",
                "GET",
                "Headers",
                Map.of("Authorization", "Bearer x"))),
        forbidden);

    // then both fail without a request
    assertThat(unknown.await().error()).isEqualTo("Events.ConnectionResource.ResourceNotFound");
    assertThat(forbidden.await().error()).isEqualTo("States.Runtime");
    assertThat(forbidden.await().cause()).contains("Authorization");
    assertThat(server.received).isEmpty();
  }

  @Test
  void shouldNotQuoteAConnectionSecretThatHttpCannotCarry() {
    // given a connection whose API key ends with a line break, as a key read from a file may
    server = new LocalServer(r -> Answer.json(200, "{}"));
    HttpSettings settings =
        HttpSettings.defaults()
            .withConnections(
                Map.of(
                    "keyed",
                    new HttpConnection(
                        HttpConnection.Type.API_KEY,
                        "X-Api-Key",
                        SECRET + "\n",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));

    // when a task calls through it
    Outcome.Result result =
        run(
            settings,
            Map.of(
                "ApiEndpoint",
                server.url("/x"),
                "Method",
                "GET",
                "Authentication",
                Map.of("ConnectionArn", "keyed")));

    // then it fails without a request, and the cause does not hold the key
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains("cannot be sent").doesNotContain(SECRET);
    assertThat(server.received).isEmpty();
  }

  @Test
  void shouldTakeTheConnectionNameFromAnEventBridgeConnectionArn() {
    assertThat(
            HttpConnector.connectionName(
                "arn:aws:events:us-east-1:123456789012:connection/payments/0b1c-2d"))
        .isEqualTo("payments");
    assertThat(HttpConnector.connectionName("payments")).isEqualTo("payments");
  }

  @Test
  void shouldKeepRequestsToOneHostWithinTheBoundAndRunTheRestInTurn() throws Exception {
    // given a server that holds every request until the test lets it answer, and a bound of 2
    GatedServer gated = new GatedServer();
    try (gated) {
      connector = new HttpConnector(HttpSettings.defaults().withMaxRequestsPerHost(2));

      // when six tasks call it at once
      List<Outcome> outcomes = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Outcome outcome = new Outcome();
        outcomes.add(outcome);
        connector.start(
            new ConnectorTask(
                "exec-" + i,
                1,
                ResourceArn.parse(INVOKE),
                Map.of("ApiEndpoint", gated.url(), "Method", "POST", "RequestBody", Map.of("n", i)),
                null,
                null,
                null),
            outcome);
      }
      gated.awaitArrivals(2);
      gated.open();

      // then all six succeed, and the server never held more than two at once
      for (Outcome outcome : outcomes) {
        assertThat(outcome.await().error()).isNull();
      }
      assertThat(gated.arrivals()).isEqualTo(6);
      assertThat(gated.mostAtOnce()).isEqualTo(2);
    }
  }

  @Test
  void shouldGiveUpTheWaitingPlaceOfACancelledTask() throws Exception {
    // given a bound of 1, one task held by the server and a second waiting for its turn
    GatedServer gated = new GatedServer();
    try (gated) {
      connector = new HttpConnector(HttpSettings.defaults().withMaxRequestsPerHost(1));
      Outcome held = new Outcome();
      connector.start(gatedTask(gated, "held"), held);
      gated.awaitArrivals(1);
      ConnectorTask waiting = gatedTask(gated, "cancelled");
      Outcome cancelled = new Outcome();
      connector.start(waiting, cancelled);

      // when the waiting task is cancelled and the held one answered
      connector.cancel(waiting);
      gated.open();
      assertThat(held.await().error()).isNull();
      Outcome later = new Outcome();
      connector.start(gatedTask(gated, "later"), later);

      // then the next task runs, and the cancelled one never reached the server
      assertThat(later.await().error()).isNull();
      assertThat(cancelled.await().error()).isEqualTo("States.Runtime");
      assertThat(gated.bodies()).containsExactly("held", "later");
    }
  }

  private static ConnectorTask gatedTask(GatedServer gated, String name) {
    return new ConnectorTask(
        "exec-" + name,
        1,
        ResourceArn.parse(INVOKE),
        Map.of("ApiEndpoint", gated.url(), "Method", "POST", "RequestBody", name),
        null,
        null,
        null);
  }

  /** Holds each request until {@link #open()}, counting how many it held at once. */
  private static final class GatedServer implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;
    private final java.util.concurrent.CountDownLatch gate =
        new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger active =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger most =
        new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    GatedServer() throws java.io.IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/",
          exchange -> {
            bodies.add(
                new String(
                    exchange.getRequestBody().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            most.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
              gate.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/jobs";
    }

    void awaitArrivals(int n) throws InterruptedException {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (bodies.size() < n) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Expected " + n + " requests within 10 s, but found " + bodies.size());
        }
        Thread.onSpinWait();
        Thread.sleep(1);
      }
    }

    void open() {
      gate.countDown();
    }

    int arrivals() {
      return bodies.size();
    }

    int mostAtOnce() {
      return most.get();
    }

    List<String> bodies() {
      return bodies;
    }

    @Override
    public void close() {
      gate.countDown();
      server.stop(0);
    }
  }
}
