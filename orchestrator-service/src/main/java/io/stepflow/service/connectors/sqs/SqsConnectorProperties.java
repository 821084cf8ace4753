package io.stepflow.service.connectors.sqs;

import io.stepflow.connectors.sqs.SqsSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SQS connector ({@code arn:aws:states:::sqs:sendMessage}, also {@code .waitForTaskToken}),
 * under {@code stepflow.connectors.sqs.*}: Amazon SQS, or an SQS-compatible server such as
 * ElasticMQ.
 *
 * @param enabled whether the connector runs; off, a definition with an SQS Task is refused at
 *     CreateStateMachine, and the service needs no SQS. Default {@code false}.
 * @param endpoint the SQS endpoint, such as {@code http://localhost:9324} for ElasticMQ. Default
 *     none: AWS's endpoint of the region.
 * @param region the region requests are signed for (and sent to, without an endpoint). Default
 *     none: the AWS SDK's default (AWS_REGION, the profile, ...), else {@code us-east-1}.
 * @param accessKeyId the access key to sign with. Default none: the AWS SDK's default credentials
 *     (AWS_ACCESS_KEY_ID, the profile, the instance or task role, ...).
 * @param secretAccessKey the secret key that goes with {@code accessKeyId}; give it through the
 *     environment. Default none.
 * @param apiCallTimeout how long one SendMessage may take, the SDK's retries included; then the
 *     task fails with SQS.ClientExecutionTimeoutException. Default {@code 30s}.
 */
@ConfigurationProperties("stepflow.connectors.sqs")
public record SqsConnectorProperties(
    @DefaultValue("false") boolean enabled,
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    @DefaultValue("30s") Duration apiCallTimeout) {

  SqsSettings toSettings() {
    return new SqsSettings(endpoint, region, accessKeyId, secretAccessKey, apiCallTimeout);
  }

  @Override
  public String toString() {
    return "SqsConnectorProperties[enabled=" + enabled + ", " + toSettings() + "]";
  }
}
