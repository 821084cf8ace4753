package io.stepflow.service.testsupport;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The AWS SDK for Java's Step Functions client, pointed at a service under test. */
public final class SfnClients {

  private SfnClients() {}

  public static SfnClient local(int port) {
    return local(port, "test", "test");
  }

  /** A client that signs with the given key pair. */
  public static SfnClient local(int port, String accessKeyId, String secretAccessKey) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .build();
  }
}
