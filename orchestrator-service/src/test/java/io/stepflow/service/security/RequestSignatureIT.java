package io.stepflow.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.service.testsupport.SfnClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;

// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stepflow.aws.access-key-id=AKIDSTEPFLOWTEST",
      "stepflow.aws.secret-access-key=s3cr3t-for-tests"
    })
class RequestSignatureIT {

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-signatures");
    registry.add("stepflow.data-dir", dataDir::toString);
  }

  @LocalServerPort int port;

  @Test
  void shouldAnswerRequestsSignedWithTheConfiguredKey() {
    // given a client with the configured key pair
    try (SfnClient sfn = SfnClients.local(port, "AKIDSTEPFLOWTEST", "s3cr3t-for-tests")) {
      // when it lists state machines, then the service answers
      assertThat(sfn.listStateMachines().stateMachines()).isNotNull();
    }
  }

  @Test
  void shouldRefuseASignatureMadeWithAnotherSecret() {
    try (SfnClient sfn = SfnClients.local(port, "AKIDSTEPFLOWTEST", "wrong")) {
      assertThatThrownBy(sfn::listStateMachines)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("InvalidSignatureException"));
    }
  }

  @Test
  void shouldRefuseAnUnknownAccessKey() {
    try (SfnClient sfn = SfnClients.local(port, "AKIDSOMEONEELSE", "s3cr3t-for-tests")) {
      assertThatThrownBy(sfn::listStateMachines)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void shouldRefuseUnsignedRequestsToBothApis() throws Exception {
    // given a plain HTTP client
    HttpClient http = HttpClient.newHttpClient();

    // when it calls the AWS API and the REST API without credentials
    HttpResponse<String> aws =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> rest =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then both refuse, each in its own error shape
    assertThat(aws.statusCode()).isEqualTo(400);
    assertThat(aws.body()).contains("#MissingAuthenticationTokenException");
    assertThat(rest.statusCode()).isEqualTo(401);
    assertThat(rest.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
