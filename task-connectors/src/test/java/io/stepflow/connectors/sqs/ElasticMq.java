package io.stepflow.connectors.sqs;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An ElasticMQ server inside the test JVM on a free port that stays its own across restarts, and a
 * client to look into its queues. orchestrator-service's tests use it too, from this module's
 * test-jar.
 */
public final class ElasticMq implements AutoCloseable {

  private SQSRestServer server;
  private int port;
  private SqsClient client;

  public static ElasticMq start() {
    ElasticMq mq = new ElasticMq();
    mq.startOn(0);
    return mq;
  }

  private void startOn(int onPort) {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(onPort).start();
    port = server.waitUntilStarted().localAddress().getPort();
  }

  /** Stops the server; its queues are gone. */
  public void stop() {
    if (server != null) {
      server.stopAndWait();
      server = null;
    }
  }

  /** Starts an empty server on the same port again. */
  public void restart() {
    stop();
    startOn(port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  SqsSettings settings() {
    return SqsSettings.defaults().withEndpoint(endpoint(), "us-east-1", "test", "test");
  }

  /** A client of this server, closed with it. */
  public SqsClient client() {
    if (client == null) {
      client =
          SqsClient.builder()
              .endpointOverride(endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .build();
    }
    return client;
  }

  public String createQueue(String name) {
    return client().createQueue(b -> b.queueName(name)).queueUrl();
  }

  public String createFifoQueue(String name) {
    return client()
        .createQueue(
            b ->
                b.queueName(name)
                    .attributes(
                        Map.of(
                            QueueAttributeName.FIFO_QUEUE, "true",
                            QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
        .queueUrl();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    stop();
  }
}
