package io.stepflow.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.service.Arns;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API end to end over HTTP, on the embedded H2 database. */
// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestApiIT {

  static final String PASS_WAIT_PASS =
      """
      {"StartAt":"Prepare","States":{
        "Prepare":{"Type":"Pass","Result":{"ready":true},"ResultPath":"$.prepared","Next":"Pause"},
        "Pause":{"Type":"Wait","Seconds":1,"Next":"Finish"},
        "Finish":{"Type":"Pass","End":true}}}
      """;

  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-rest");
    registry.add("stepflow.data-dir", dataDir::toString);
  }

  @LocalServerPort int port;
  @Autowired Arns arns;
  @Autowired ApplicationContext context;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  HttpClient http;

  @BeforeEach
  void client() {
    http = HttpClient.newHttpClient();
  }

  @Test
  void shouldRunSearchStopAndExplainExecutionsOfARegisteredStateMachine() throws Exception {
    // given a Pass -> Wait(1s) -> Pass state machine registered over REST
    Response registered =
        post(
            "/api/v1/state-machines",
            "{\"name\":\"rest-orders\",\"definition\":" + PASS_WAIT_PASS + "}");
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("Location")).isEqualTo("/api/v1/state-machines/rest-orders");
    assertThat(registered.json().path("definition").path("StartAt").asString())
        .isEqualTo("Prepare");
    assertThat(registered.json().path("roleArn").asString())
        .isEqualTo("arn:aws:iam::123456789012:role/StepflowExecutionRole");

    // when one execution runs to its end and another is stopped during its Wait
    Instant before = Instant.now().minusSeconds(1);
    Response started =
        post(
            "/api/v1/state-machines/rest-orders/executions",
            "{\"name\":\"order-1\",\"input\":{\"id\":1}}");
    Response second =
        post(
            "/api/v1/state-machines/rest-orders/executions",
            "{\"name\":\"order-2\",\"input\":{\"id\":2}}");
    String secondArn = second.json().path("executionArn").asString();
    Response stopped =
        post("/api/v1/executions/" + encode(secondArn) + "/stop", "{\"error\":\"Cancelled\"}");
    JsonNode done = awaitStatus("/api/v1/state-machines/rest-orders/executions/order-1");
    JsonNode aborted = awaitStatus("/api/v1/executions/" + encode(secondArn));

    // then the first succeeded with its output as a JSON value, the second was aborted
    assertThat(started.status()).isEqualTo(201);
    assertThat(started.json().path("input").path("id").asInt()).isEqualTo(1);
    assertThat(stopped.status()).isEqualTo(202);
    assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("output").path("prepared").path("ready").asBoolean()).isTrue();
    assertThat(done.path("stateMachineName").asString()).isEqualTo("rest-orders");
    assertThat(aborted.path("status").asString()).isEqualTo("ABORTED");

    // and searching by status and name prefix finds each, newest first
    assertThat(
            names(
                get("/api/v1/executions?status=SUCCEEDED&namePrefix=order-&startedFrom=" + before)))
        .containsExactly("order-1");
    assertThat(names(get("/api/v1/executions?status=ABORTED&stateMachine=rest-orders")))
        .containsExactly("order-2");
    assertThat(names(get("/api/v1/executions?namePrefix=order-&stateMachine=rest-orders")))
        .containsExactly("order-2", "order-1");
    Response firstPage = get("/api/v1/executions?stateMachine=rest-orders&limit=1");
    assertThat(names(firstPage)).containsExactly("order-2");
    assertThat(
            names(
                get(
                    "/api/v1/executions?stateMachine=rest-orders&limit=1&pageToken="
                        + firstPage.json().path("nextPageToken").asString())))
        .containsExactly("order-1");

    // and the history tells the states in order, in pages and reversed
    Response history =
        get("/api/v1/state-machines/rest-orders/executions/order-1/history?limit=1000");
    assertThat(types(history))
        .startsWith("ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered")
        .endsWith("PassStateExited", "ExecutionSucceeded");
    assertThat(history.json().path("items").get(0).path("details").path("input").path("id").asInt())
        .isEqualTo(1);
    Response newest =
        get(
            "/api/v1/executions/"
                + encode(done.path("executionArn").asString())
                + "/history?reverse=true&limit=1");
    assertThat(types(newest)).containsExactly("ExecutionSucceeded");
    assertThat(newest.json().path("nextPageToken").isString()).isTrue();
  }

  @Test
  void shouldListUpdateAndPublishStateMachines() throws Exception {
    // given a registered state machine
    post(
        "/api/v1/state-machines",
        "{\"name\":\"rest-versions\",\"definition\":" + PASS_WAIT_PASS + "}");

    // when it is updated and published
    Response updated =
        put(
            "/api/v1/state-machines/rest-versions",
            "{\"definition\":{\"StartAt\":\"Only\",\"States\":{\"Only\":{\"Type\":\"Pass\","
                + "\"End\":true}}},\"publish\":true}");

    // then the new definition is current and listed as version 1
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("publishedVersionArn").asString()).endsWith(":rest-versions:1");
    assertThat(
            get("/api/v1/state-machines/rest-versions")
                .json()
                .path("definition")
                .path("StartAt")
                .asString())
        .isEqualTo("Only");
    Response versions = get("/api/v1/state-machines/rest-versions/versions");
    assertThat(versions.json().path("items").get(0).path("version").asInt()).isEqualTo(1);
    List<String> listed = new ArrayList<>();
    get("/api/v1/state-machines")
        .json()
        .path("items")
        .forEach(m -> listed.add(m.path("name").asString()));
    assertThat(listed).contains("rest-versions");

    // and once deleted it is gone
    assertThat(delete("/api/v1/state-machines/rest-versions").status()).isEqualTo(204);
    assertThat(get("/api/v1/state-machines/rest-versions").status()).isEqualTo(404);
  }

  @Test
  void shouldAnswerMistakesWithProblemDetails() throws Exception {
    // given a registered state machine
    post(
        "/api/v1/state-machines",
        "{\"name\":\"rest-problems\",\"definition\":" + PASS_WAIT_PASS + "}");

    // when an unknown one is asked for, a broken definition is registered, and the name is
    // registered again with another definition
    Response missing = get("/api/v1/state-machines/rest-nothing-here");
    Response invalid =
        post(
            "/api/v1/state-machines",
            "{\"name\":\"rest-broken\",\"definition\":{\"StartAt\":\"Nowhere\",\"States\":{}}}");
    Response conflict =
        post(
            "/api/v1/state-machines",
            "{\"name\":\"rest-problems\",\"definition\":{\"StartAt\":\"P\",\"States\":"
                + "{\"P\":{\"Type\":\"Pass\",\"End\":true}}}}");

    // then each is a problem detail with its status and code
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.json().path("code").asString()).isEqualTo("StateMachineDoesNotExist");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("code").asString()).isEqualTo("InvalidDefinition");
    assertThat(invalid.json().path("status").asInt()).isEqualTo(400);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("code").asString()).isEqualTo("StateMachineAlreadyExists");
    assertThat(conflict.json().path("type").asString())
        .isEqualTo("urn:stepflow:problem:StateMachineAlreadyExists");
  }

  @Test
  void shouldAnswerMistakesAboutAnExecutionsChildrenWithProblemDetails() throws Exception {
    // given an execution ARN that names no execution, and a path segment that is no ARN at all
    String unknownArn = arns.execution("rest-nothing-here", "never-started");

    // when the children of each are asked for
    Response unknown = get("/api/v1/executions/" + encode(unknownArn) + "/children");
    Response malformed = get("/api/v1/executions/not-an-arn/children");

    // then each is a problem detail with its status and code, like the rest of the API
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
    assertThat(unknown.json().path("code").asString()).isEqualTo("ExecutionDoesNotExist");
    assertThat(unknown.json().path("type").asString())
        .isEqualTo("urn:stepflow:problem:ExecutionDoesNotExist");
    assertThat(unknown.json().path("detail").asString()).contains(unknownArn);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
    assertThat(malformed.json().path("code").asString()).isEqualTo("InvalidArn");
    assertThat(malformed.json().path("field").asString()).isEqualTo("executionArn");
  }

  @Test
  void shouldLeaveTheErrorsOfEveryApiV1EndpointToRestProblems() {
    // given the problem-details advice and every handler method mapped under /api/v1
    ControllerAdviceBean problems =
        ControllerAdviceBean.findAnnotatedBeans(context).stream()
            .filter(advice -> advice.getBeanType() == RestProblems.class)
            .findFirst()
            .orElseThrow();
    var apiV1 =
        mappings.getHandlerMethods().entrySet().stream()
            .filter(
                m -> m.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/v1/")))
            .map(Map.Entry::getValue)
            .toList();

    // when the handlers that the advice does not apply to are picked out
    List<String> unadvised =
        apiV1.stream()
            .filter(handler -> !problems.isApplicableToBeanType(handler.getBeanType()))
            .map(HandlerMethod::toString)
            .toList();

    // then there are none: a controller for /api/v1 outside the advice's packages fails here
    assertThat(apiV1).isNotEmpty();
    assertThat(unadvised).isEmpty();
  }

  @Test
  void shouldRedriveAFailedExecutionAndRefuseToRedriveARunningOne() throws Exception {
    // given a machine whose execution fails, and one that waits
    post(
        "/api/v1/state-machines",
        "{\"name\":\"rest-redrive\",\"definition\":{\"StartAt\":\"F\",\"States\":"
            + "{\"F\":{\"Type\":\"Fail\",\"Error\":\"Nope\"}}}}");
    post(
        "/api/v1/state-machines",
        "{\"name\":\"rest-waits\",\"definition\":{\"StartAt\":\"W\",\"States\":"
            + "{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}}");
    post("/api/v1/state-machines/rest-redrive/executions", "{\"name\":\"r1\"}");
    post("/api/v1/state-machines/rest-waits/executions", "{\"name\":\"w1\"}");
    awaitStatus("/api/v1/state-machines/rest-redrive/executions/r1");

    // when both are redriven
    Response failed = post("/api/v1/state-machines/rest-redrive/executions/r1/redrive", "");
    Response running = post("/api/v1/state-machines/rest-waits/executions/w1/redrive", "");

    // then the failed one runs again (and fails again at its Fail state), the running one is a 409
    assertThat(failed.status()).isEqualTo(202);
    assertThat(failed.json().path("redriveDate").asString()).isNotEmpty();
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.json().path("code").asString()).isEqualTo("ExecutionNotRedrivable");
    Instant deadline = Instant.now().plusSeconds(20);
    List<String> history = types(get("/api/v1/state-machines/rest-redrive/executions/r1/history"));
    while (!history.contains("ExecutionRedriven") && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      history = types(get("/api/v1/state-machines/rest-redrive/executions/r1/history"));
    }
    assertThat(history)
        .containsSubsequence("ExecutionFailed", "ExecutionRedriven", "FailStateEntered");
    post("/api/v1/state-machines/rest-waits/executions/w1/stop", "");
  }

  @Test
  void shouldCreateListAndDeleteActivities() throws Exception {
    // given an activity created over REST
    Response created = post("/api/v1/activities", "{\"name\":\"rest-approve\"}");

    // when activities are listed, then it is there
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("activityArn").asString()).endsWith(":activity:rest-approve");
    List<String> names = new ArrayList<>();
    get("/api/v1/activities")
        .json()
        .path("items")
        .forEach(a -> names.add(a.path("name").asString()));
    assertThat(names).contains("rest-approve");

    // and once deleted it is gone
    assertThat(delete("/api/v1/activities/rest-approve").status()).isEqualTo(204);
    assertThat(get("/api/v1/activities/rest-approve").status()).isEqualTo(404);
  }

  @Test
  void shouldRejectATaskTokenThatWasNeverIssued() throws Exception {
    // given a token no task handed out

    // when success is reported for it
    Response response =
        post("/api/v1/tasks/success", "{\"taskToken\":\"made-up\",\"output\":{\"ok\":true}}");

    // then a client error problem detail answers
    assertThat(response.status()).isBetween(400, 404);
    assertThat(response.json().path("code").asString()).isNotEmpty();
  }

  @Test
  void shouldDescribeOnlyTheRestApiInItsOpenApiDocument() throws Exception {
    // given the running service

    // when its OpenAPI document is fetched
    Response docs = get("/v3/api-docs");

    // then it has the REST resources and not the AWS API at /
    assertThat(docs.status()).isEqualTo(200);
    List<String> paths = new ArrayList<>();
    docs.json().path("paths").propertyNames().forEach(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/state-machines",
            "/api/v1/executions",
            "/api/v1/executions/{executionArn}/history",
            "/api/v1/tasks/success")
        .doesNotContain("/")
        .allMatch(p -> p.startsWith("/api/v1/"));
  }

  private JsonNode awaitStatus(String path) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      JsonNode execution = get(path).json();
      if (!"RUNNING".equals(execution.path("status").asString())
          || Instant.now().isAfter(deadline)) {
        return execution;
      }
      Thread.sleep(100);
    }
  }

  private static List<String> names(Response page) {
    List<String> names = new ArrayList<>();
    page.json().path("items").forEach(e -> names.add(e.path("name").asString()));
    return names;
  }

  private static List<String> types(Response page) {
    List<String> types = new ArrayList<>();
    page.json().path("items").forEach(e -> types.add(e.path("type").asString()));
    return types;
  }

  private static String encode(String arn) {
    return URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  record Response(int status, HttpResponse<String> raw) {
    JsonNode json() {
      return JSON.readTree(raw.body());
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private Response get(String path) throws Exception {
    return send(request(path).GET());
  }

  private Response delete(String path) throws Exception {
    return send(request(path).DELETE());
  }

  private Response post(String path, String body) throws Exception {
    return send(json(request(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Response put(String path, String body) throws Exception {
    return send(json(request(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
  }

  private static HttpRequest.Builder json(HttpRequest.Builder request) {
    return request.header("Content-Type", "application/json");
  }

  private Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response);
  }
}
