package io.stepflow.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A JDK HTTP server on 127.0.0.1 that records what it received and answers as told. */
public final class LocalServer implements AutoCloseable {

  /** What one request carried. */
  public record Received(
      String method, String uri, Map<String, List<String>> headers, String body) {}

  /** What to answer. */
  public record Answer(int status, String contentType, String body, long delayMillis) {
    public static Answer json(int status, String body) {
      return new Answer(status, "application/json", body, 0);
    }
  }

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public LocalServer(Function<Received, Answer> answers) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> handle(exchange, answers));
    server.start();
  }

  private void handle(HttpExchange exchange, Function<Received, Answer> answers)
      throws IOException {
    Received r =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    received.add(r);
    Answer a = answers.apply(r);
    if (a.delayMillis() > 0) {
      try {
        Thread.sleep(a.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", a.contentType());
    exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
