package io.stepflow.service.resilience;

import io.stepflow.service.testsupport.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service's executable jar running as a process of its own, on a PostgreSQL database and a free
 * port, so that a test can kill it as a crash would ({@code kill -9}) and start it again. Its
 * output goes to a log file under {@code target/resilience/}, named in every failure message.
 *
 * <p>The jar is {@code stepflow.service.jar} when that system property is set, else the repackaged
 * jar that the {@code package} phase leaves in {@code target/}; the JDK is the one running the
 * test.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts an instance named {@code name} (its log file's name) on the database and waits until it
   * is ready; {@code settings} are extra {@code --key=value} arguments.
   */
  static ServiceProcess start(String name, PostgresDatabase database, String... settings) {
    int port = freePort();
    Path log = logFile(name);
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            privateJar().toString(),
            "--server.port=" + port,
            "--spring.datasource.url=" + database.url(),
            "--spring.datasource.username="
                + System.getProperty("stepflow.test.pg.user", "postgres"),
            "--spring.datasource.password=",
            "--stepflow.data-dir=" + log.getParent().resolve(name + "-data"),
            // quick takeover of a dead instance's timers, short activity long polls
            "--stepflow.timers.cluster-checkin-interval=2s",
            "--stepflow.activities.long-poll=2s",
            "--management.endpoint.health.probes.enabled=true"));
    command.addAll(List.of(settings));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      // should the test JVM itself die, the instance goes with it
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      ServiceProcess service = new ServiceProcess(name, port, log, process);
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to start " + command + ", but: " + e, e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** A crash: {@code kill -9}, then waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Where this instance writes its output, for failure messages. */
  String describe() {
    return name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Expected " + describe() + " to start, but it exited with " + process.exitValue());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + describe(), e);
      }
      sleep(Duration.ofMillis(200));
    }
    kill();
    throw new IllegalStateException(
        "Expected " + describe() + " to be ready within " + STARTUP + ", but it was not");
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Expected " + describe() + " to exit after kill -9");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + describe() + " to exit");
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static Path copied;

  /**
   * A copy of the jar for this test run: a build in the same checkout may rewrite the jar while
   * instances run from it, and a JVM whose jar changes under it fails to load its classes.
   */
  private static synchronized Path privateJar() {
    if (copied == null) {
      try {
        Path copy = Files.createTempFile("stepflow-service-", ".jar");
        copy.toFile().deleteOnExit();
        Files.copy(jar(), copy, StandardCopyOption.REPLACE_EXISTING);
        copied = copy;
      } catch (IOException e) {
        throw new UncheckedIOException("Expected to copy " + jar() + " to a temporary file", e);
      }
    }
    return copied;
  }

  static Path jar() {
    String configured = System.getProperty("stepflow.service.jar");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path target = Path.of("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("orchestrator-service-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "Expected the service's jar in "
                          + target.toAbsolutePath()
                          + " (run the package phase first), but found none"));
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to list " + target.toAbsolutePath(), e);
    }
  }

  private static Path logFile(String name) {
    Path dir = Path.of("target", "resilience");
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve(name + ".log");
      Files.deleteIfExists(log);
      return log.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to create " + dir.toAbsolutePath(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected a free local port", e);
    }
  }
}
