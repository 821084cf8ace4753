package io.stepflow.connectors.sqs;

import io.stepflow.connectors.aws.AwsClientSettings;
import io.stepflow.connectors.aws.AwsSdk;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the SQS connector sends: Amazon SQS itself, or an SQS-compatible server such as
 * ElasticMQ.
 *
 * @param endpoint the SQS endpoint; null for AWS's endpoint of the region
 * @param region the region to sign for and, without an endpoint, to send to; null for the AWS SDK's
 *     default (the AWS_REGION environment variable, the profile, ...), else us-east-1
 * @param accessKeyId the access key; null for the AWS SDK's default credentials chain (environment,
 *     profile, instance role, ...)
 * @param secretAccessKey the secret key that goes with {@code accessKeyId}
 * @param apiCallTimeout how long one SendMessage may take in all, its retries included
 */
public record SqsSettings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    Duration apiCallTimeout)
    implements AwsClientSettings {

  public SqsSettings {
    Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
    AwsSdk.requireBothOrNeither("SQS", accessKeyId, secretAccessKey);
  }

  /** AWS's endpoint, region and credentials from the environment; 30 s a call. */
  public static SqsSettings defaults() {
    return new SqsSettings(null, null, null, null, Duration.ofSeconds(30));
  }

  /** The same settings against {@code endpoint} with a static key pair, as for ElasticMQ. */
  public SqsSettings withEndpoint(URI to, String inRegion, String keyId, String secret) {
    return new SqsSettings(to, inRegion, keyId, secret, apiCallTimeout);
  }

  public SqsSettings withApiCallTimeout(Duration apiCall) {
    return new SqsSettings(endpoint, region, accessKeyId, secretAccessKey, apiCall);
  }

  @Override
  public String toString() {
    return AwsSdk.describe("SqsSettings", this);
  }
}
