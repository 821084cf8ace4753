package io.stepflow.connectors.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepflow.connectors.ConnectorCallback;
import io.stepflow.engine.TaskDispatcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job API on 127.0.0.1 for tests: {@code POST /jobs} answers {@code {"jobId": "job-1", ...}},
 * {@code GET /jobs/<id>} answers the next of the scripted statuses (the last one repeats), {@code
 * DELETE /jobs/<id>} cancels. Every request is recorded.
 */
final class JobApi implements AutoCloseable {

  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger polls = new AtomicInteger();
  final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
  final CompletableFuture<Void> cancelled = new CompletableFuture<>();
  volatile List<String> statuses;
  private final AtomicInteger submitted = new AtomicInteger();
  private final HttpServer server;

  JobApi(String... statuses) throws IOException {
    this.statuses = List.of(statuses);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/jobs", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
    switch (method) {
      case "POST" -> {
        int n = submitted.incrementAndGet();
        answer(exchange, 200, "{\"jobId\":\"job-" + n + "\",\"jobName\":\"testJob\"}");
      }
      case "GET" -> {
        int n = polls.getAndIncrement();
        String status = statuses.get(Math.min(n, statuses.size() - 1));
        String reason = status.equals("FAILED") ? ",\"statusReason\":\"Exit code 3\"" : "";
        answer(
            exchange,
            200,
            "{\"jobId\":\""
                + path.substring("/jobs/".length())
                + "\",\"status\":\""
                + status
                + "\",\"createdAt\":1700000000000"
                + reason
                + "}");
        firstPoll.complete(null);
      }
      case "DELETE" -> {
        answer(exchange, 204, "");
        cancelled.complete(null);
      }
      default -> answer(exchange, 405, "");
    }
  }

  static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The outcome a task reported: output, or error and cause. */
  record Outcome(Object output, String error, String cause) {}

  /** Records one task's outcome, through the dispatcher's callback or the taken-over outcomes. */
  static final class Recorder implements ConnectorCallback, TaskDispatcher.TaskOutcomes {
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    final AtomicInteger reports = new AtomicInteger();
    final CompletableFuture<Object> submitted = new CompletableFuture<>();

    @Override
    public void submitted(Object output) {
      submitted.complete(output);
    }

    @Override
    public void submitted(String executionId, long taskId, Object output) {
      submitted(output);
    }

    @Override
    public void succeeded(Object output) {
      reports.incrementAndGet();
      outcome.complete(new Outcome(output, null, null));
    }

    @Override
    public void failed(String error, String cause) {
      reports.incrementAndGet();
      outcome.complete(new Outcome(null, error, cause));
    }

    @Override
    public void succeeded(String executionId, long taskId, Object output) {
      succeeded(output);
    }

    @Override
    public void failed(String executionId, long taskId, String error, String cause) {
      failed(error, cause);
    }

    Outcome await() throws Exception {
      return outcome.get(10, TimeUnit.SECONDS);
    }
  }
}
