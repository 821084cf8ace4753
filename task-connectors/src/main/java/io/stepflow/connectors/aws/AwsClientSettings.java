package io.stepflow.connectors.aws;

import java.net.URI;
import java.time.Duration;

/**
 * Where and as whom a connector calls an AWS service (or a compatible server) through the SDK: what
 * the SQS and SNS connectors' settings have in common.
 */
public interface AwsClientSettings {

  /** The service's endpoint; null for AWS's endpoint of the region. */
  URI endpoint();

  /** The region to sign for and, without an endpoint, to send to; null for the SDK's default. */
  String region();

  /** The access key; null for the SDK's default credentials chain. */
  String accessKeyId();

  /** The secret key that goes with {@link #accessKeyId()}. */
  String secretAccessKey();

  /** How long one call may take in all, its retries included. */
  Duration apiCallTimeout();
}
