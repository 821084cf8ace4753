package io.stepflow.service.connectors.sqs;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An ElasticMQ server inside the test JVM, on a free port that stays its own across restarts. */
final class ElasticMqServer {

  private SQSRestServer server;
  private int port;

  static ElasticMqServer start() {
    ElasticMqServer mq = new ElasticMqServer();
    mq.startOn(0);
    return mq;
  }

  private void startOn(int onPort) {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(onPort).start();
    port = server.waitUntilStarted().localAddress().getPort();
  }

  /** Stops the server; its queues and messages are gone. */
  void stop() {
    if (server != null) {
      server.stopAndWait();
      server = null;
    }
  }

  /** An empty server on the same port again. */
  void restart() {
    stop();
    startOn(port);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client of this server, for tests and test workers. */
  SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
