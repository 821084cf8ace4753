package io.stepflow.service.connectors.sns;

import io.stepflow.connectors.sns.SnsSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SNS connector ({@code arn:aws:states:::sns:publish}, also {@code .waitForTaskToken}), under
 * {@code stepflow.connectors.sns.*}: Amazon SNS, or an SNS-compatible server (one that speaks SNS's
 * AWS Query protocol, such as LocalStack or {@code examples/sns-publish/sns_stub.py}).
 *
 * @param enabled whether the connector runs; off, a definition with an SNS Task is refused at
 *     CreateStateMachine, and the service needs no SNS. Default {@code false}.
 * @param endpoint the SNS endpoint, such as {@code http://127.0.0.1:9911} for the examples' stub.
 *     Default none: AWS's endpoint of the region.
 * @param region the region requests are signed for (and sent to, without an endpoint). Default
 *     none: the AWS SDK's default (AWS_REGION, the profile, ...), else {@code us-east-1}.
 * @param accessKeyId the access key to sign with. Default none: the AWS SDK's default credentials
 *     (AWS_ACCESS_KEY_ID, the profile, the instance or task role, ...).
 * @param secretAccessKey the secret key that goes with {@code accessKeyId}; give it through the
 *     environment. Default none.
 * @param apiCallTimeout how long one Publish may take, the SDK's retries included; then the task
 *     fails with SNS.ClientExecutionTimeoutException. Default {@code 30s}.
 */
@ConfigurationProperties("stepflow.connectors.sns")
public record SnsConnectorProperties(
    @DefaultValue("false") boolean enabled,
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    @DefaultValue("30s") Duration apiCallTimeout) {

  SnsSettings toSettings() {
    return new SnsSettings(endpoint, region, accessKeyId, secretAccessKey, apiCallTimeout);
  }

  @Override
  public String toString() {
    return "SnsConnectorProperties[enabled=" + enabled + ", " + toSettings() + "]";
  }
}
