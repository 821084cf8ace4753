package io.stepflow.connectors.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small SNS-compatible server on 127.0.0.1 for the tests, on the JDK's HTTP server: it speaks the
 * AWS Query protocol the SDK's SNS client uses (a form-encoded POST with {@code Action=Publish},
 * answered in XML), records every accepted publish and answers as told: by default a {@code
 * PublishResult} with a new MessageId (and a SequenceNumber for a topic whose name ends in {@code
 * .fifo}). orchestrator-service's tests use it too, from this module's test-jar.
 */
public final class SnsTestServer implements AutoCloseable {

  /**
   * One accepted Publish: its form fields, its attributes as {@code {name: {DataType, StringValue
   * ...}}}, the request's headers and the MessageId it was given.
   */
  public record Published(
      Map<String, String> form,
      Map<String, Map<String, String>> attributes,
      Map<String, List<String>> headers,
      String messageId) {

    public String topicArn() {
      return form.get("TopicArn");
    }

    public String message() {
      return form.get("Message");
    }
  }

  /**
   * What to answer: a status, a body, how long to wait before, and the MessageId an accepting
   * answer gives (null for any other).
   */
  public record Answer(int status, String body, long delayMillis, String messageId) {

    /** An answer that is no SNS result, such as a proxy's error page. */
    public static Answer raw(int status, String body, long delayMillis) {
      return new Answer(status, body, delayMillis, null);
    }

    /** SNS's error answer with its code, such as {@code NotFound}, and message. */
    public static Answer error(int status, String code, String message) {
      return raw(
          status,
          """
          <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
            <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
            <RequestId>%s</RequestId>
          </ErrorResponse>
          """
              .formatted(code, message, UUID.randomUUID()),
          0);
    }
  }

  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Published> untaken = new LinkedBlockingQueue<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong(10000000000000000L);
  private final HttpServer server;
  private volatile Function<Published, Answer> answers = this::accept;

  public SnsTestServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Settings that publish here, in us-east-1, signed with the key pair test/test. */
  public SnsSettings settings() {
    return SnsSettings.defaults().withEndpoint(endpoint(), "us-east-1", "test", "test");
  }

  /**
   * Answers every Publish with what {@code answer} gives for it from now on; {@code null} to accept
   * again.
   */
  public void answerWith(Function<Published, Answer> answer) {
    answers = answer == null ? this::accept : answer;
  }

  /** The default answer: accepted, with a new message id. */
  public Answer accept(Published p) {
    String topic = p.topicArn() == null ? "" : p.topicArn();
    String sequenceNumber =
        topic.endsWith(".fifo")
            ? "<SequenceNumber>" + sequence.incrementAndGet() + "</SequenceNumber>"
            : "";
    String messageId = UUID.randomUUID().toString();
    String requestId = UUID.randomUUID().toString();
    return new Answer(
        200,
        """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult><MessageId>%s</MessageId>%s</PublishResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </PublishResponse>
        """
            .formatted(messageId, sequenceNumber, requestId),
        0,
        messageId);
  }

  /** The publishes accepted so far, in order. */
  public List<Published> published() {
    return List.copyOf(published);
  }

  /** The next accepted publish not taken yet, waiting up to {@code within} for it. */
  public Published take(Duration within) {
    try {
      Published p = untaken.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      if (p == null) {
        throw new AssertionError("no publish within " + within);
      }
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a publish", e);
    }
  }

  /** How many requests came, accepted or not. */
  public long requests() {
    return requests.get();
  }

  /** Forgets the publishes and requests so far, and accepts again. */
  public void reset() {
    answerWith(null);
    published.clear();
    untaken.clear();
    requests.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
    Answer answer;
    if (!"Publish".equals(form.get("Action"))) {
      answer = Answer.error(400, "InvalidAction", "Only Publish is served: " + form.get("Action"));
    } else {
      answer = answers.apply(new Published(form, attributes(form), headers, null));
      if (answer.status() == 200) {
        Published accepted = new Published(form, attributes(form), headers, answer.messageId());
        published.add(accepted);
        untaken.add(accepted);
      }
    }
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    try {
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException clientGone) {
      // the client gave up waiting (the timeout tests)
    }
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  /** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue, by name. */
  private static Map<String, Map<String, String>> attributes(Map<String, String> form) {
    Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
      String prefix = "MessageAttributes.entry." + n + ".";
      Map<String, String> value = new LinkedHashMap<>();
      for (String field : List.of("DataType", "StringValue", "BinaryValue")) {
        String v = form.get(prefix + "Value." + field);
        if (v != null) {
          value.put(field, v);
        }
      }
      attributes.put(form.get(prefix + "Name"), value);
    }
    return attributes;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
