package io.stepflow.connectors.sns;

import io.stepflow.connectors.aws.AwsClientSettings;
import io.stepflow.connectors.aws.AwsSdk;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the SNS connector publishes: Amazon SNS itself, or an SNS-compatible server
 * (one that speaks SNS's AWS Query protocol, such as LocalStack or the examples' stub).
 *
 * @param endpoint the SNS endpoint; null for AWS's endpoint of the region
 * @param region the region to sign for and, without an endpoint, to send to; null for the AWS SDK's
 *     default (the AWS_REGION environment variable, the profile, ...), else us-east-1
 * @param accessKeyId the access key; null for the AWS SDK's default credentials chain (environment,
 *     profile, instance role, ...)
 * @param secretAccessKey the secret key that goes with {@code accessKeyId}
 * @param apiCallTimeout how long one Publish may take in all, its retries included
 */
public record SnsSettings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    Duration apiCallTimeout)
    implements AwsClientSettings {

  public SnsSettings {
    Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
    if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw new IllegalArgumentException(
          "Expected a positive SNS api-call-timeout, but found " + apiCallTimeout);
    }
    AwsSdk.requireBothOrNeither("SNS", accessKeyId, secretAccessKey);
  }

  /** AWS's endpoint, region and credentials from the environment; 30 s a call. */
  public static SnsSettings defaults() {
    return new SnsSettings(null, null, null, null, Duration.ofSeconds(30));
  }

  /** The same settings against {@code endpoint} with a static key pair, as for a local server. */
  public SnsSettings withEndpoint(URI to, String inRegion, String keyId, String secret) {
    return new SnsSettings(to, inRegion, keyId, secret, apiCallTimeout);
  }

  public SnsSettings withApiCallTimeout(Duration apiCall) {
    return new SnsSettings(endpoint, region, accessKeyId, secretAccessKey, apiCall);
  }

  @Override
  public String toString() {
    return AwsSdk.describe("SnsSettings", this);
  }
}
