package io.stepflow.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service names things the AWS way, under {@code stepflow.aws.*}.
 *
 * @param region the region in every ARN and in TaskScheduled events. Default {@code us-east-1}.
 * @param accountId the twelve-digit account in every ARN. Default {@code 123456789012}.
 * @param accessKeyId the access key clients sign with; when set (with the secret), every request to
 *     the AWS-compatible API must carry a valid Signature Version 4. Default: unset.
 * @param secretAccessKey the secret for {@code accessKeyId}. Default: unset.
 */
@ConfigurationProperties("stepflow.aws")
public record AwsSettings(
    @DefaultValue("us-east-1") String region,
    @DefaultValue("123456789012") String accountId,
    String accessKeyId,
    String secretAccessKey) {

  /** True when clients must sign their requests. */
  public boolean requiresSignature() {
    return accessKeyId != null
        && !accessKeyId.isBlank()
        && secretAccessKey != null
        && !secretAccessKey.isBlank();
  }
}
