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

  /**
   * A client for StartSyncExecution. AWS serves it on the host {@code sync-states...}, so the SDK
   * puts {@code sync-} before the endpoint's host; against a local endpoint that prefix is turned
   * off (boto3: {@code Config(inject_host_prefix=False)}).
   */
  public static SfnClient localSync(int port) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(
            c ->
                c.putAdvancedOption(
                    software.amazon.awssdk.core.client.config.SdkAdvancedClientOption
                        .DISABLE_HOST_PREFIX_INJECTION,
                    true))
        .build();
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
