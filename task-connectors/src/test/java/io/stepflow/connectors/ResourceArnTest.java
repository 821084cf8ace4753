package io.stepflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.connectors.ResourceArn.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceArnTest {

  @Test
  void shouldReadAServiceIntegrationWithoutSuffixAsRequestResponse() {
    // given the Resource of an HTTP Task
    String resource = "arn:aws:states:::http:invoke";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then it names the http service's invoke action, answered at once, with no region or name
    assertThat(arn.arn()).isEqualTo(resource);
    assertThat(arn.kind()).isEqualTo(Kind.SERVICE_INTEGRATION);
    assertThat(arn.service()).isEqualTo("http");
    assertThat(arn.action()).isEqualTo("invoke");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(arn.region()).isEmpty();
    assertThat(arn.account()).isEmpty();
    assertThat(arn.name()).isEmpty();
  }

  @Test
  void shouldReadTheWaitForTaskTokenSuffix() {
    // given an SQS Task that waits for its token to come back
    String resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then the suffix becomes the pattern and is not part of the action
    assertThat(arn.service()).isEqualTo("sqs");
    assertThat(arn.action()).isEqualTo("sendMessage");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.WAIT_FOR_TASK_TOKEN);
  }

  @ParameterizedTest
  @CsvSource({
    "arn:aws:states:::states:startExecution.sync:2, RUN_JOB_V2",
    "arn:aws:states:::states:startExecution.sync, RUN_JOB",
    "arn:aws:states:::states:startExecution, REQUEST_RESPONSE",
  })
  void shouldTellTheRunJobSuffixesApart(String resource, IntegrationPattern expected) {
    // given a nested-execution Task with one of the run-a-job suffixes, or none

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then .sync and .sync:2 are different patterns of the same action
    assertThat(arn.service()).isEqualTo("states");
    assertThat(arn.action()).isEqualTo("startExecution");
    assertThat(arn.integrationPattern()).isEqualTo(expected);
  }

  @Test
  void shouldKeepTheSdkServiceInTheActionOfAnAwsSdkIntegration() {
    // given an AWS SDK integration
    String resource = "arn:aws:states:::aws-sdk:s3:getObject";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then the service is aws-sdk and the action says which SDK service and call
    assertThat(arn.service()).isEqualTo("aws-sdk");
    assertThat(arn.action()).isEqualTo("s3:getObject");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
  }

  @Test
  void shouldReadALambdaFunctionArnAsAnInvokeOfThatFunction() {
    // given a Task naming a Lambda function directly
    String resource = "arn:aws:lambda:us-east-1:123456789012:function:Name";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then it invokes that function, in its region and account, and answers at once
    assertThat(arn.kind()).isEqualTo(Kind.LAMBDA_FUNCTION);
    assertThat(arn.service()).isEqualTo("lambda");
    assertThat(arn.action()).isEqualTo("invoke");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(arn.region()).contains("us-east-1");
    assertThat(arn.account()).contains("123456789012");
    assertThat(arn.name()).contains("Name");
  }

  @Test
  void shouldKeepTheQualifierOfALambdaFunctionInItsName() {
    // given a Lambda function ARN with an alias
    String resource = "arn:aws:lambda:eu-west-2:123456789012:function:Name:prod";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then the name carries the alias, as Lambda's Invoke accepts it
    assertThat(arn.name()).contains("Name:prod");
  }

  @Test
  void shouldReadALambdaFunctionArnWithoutRegionAndAccountAsThatFunction() {
    // given a Task naming a Lambda function without region and account, as the talks' batch job
    String resource = "arn:aws:lambda:::function:SubmitJob";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then it invokes that function by name, in no particular region or account
    assertThat(arn.kind()).isEqualTo(Kind.LAMBDA_FUNCTION);
    assertThat(arn.service()).isEqualTo("lambda");
    assertThat(arn.action()).isEqualTo("invoke");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(arn.region()).isEmpty();
    assertThat(arn.account()).isEmpty();
    assertThat(arn.name()).contains("SubmitJob");
  }

  @Test
  void shouldStillCheckTheNameOfALambdaFunctionWithoutRegionAndAccount() {
    // given a Lambda function ARN without region and account and with a malformed name
    String resource = "arn:aws:lambda:::function:No Name";

    // when it is parsed
    // then the message says what a function name is
    assertThatThrownBy(() -> ResourceArn.parse(resource))
        .isInstanceOf(UnparsableResourceException.class)
        .hasMessageContaining("a Lambda function name");
  }

  @Test
  void shouldReadAnActivityArnAsWaitingForAWorker() {
    // given a Task naming an activity
    String resource = "arn:aws:states:us-east-1:123456789012:activity:Name";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then it is an activity that completes when a worker sends the task token back
    assertThat(arn.kind()).isEqualTo(Kind.ACTIVITY);
    assertThat(arn.service()).isEqualTo("states");
    assertThat(arn.action()).isEqualTo("activity");
    assertThat(arn.integrationPattern()).isEqualTo(IntegrationPattern.WAIT_FOR_TASK_TOKEN);
    assertThat(arn.region()).contains("us-east-1");
    assertThat(arn.account()).contains("123456789012");
    assertThat(arn.name()).contains("Name");
  }

  @Test
  void shouldAcceptOtherPartitions() {
    // given a service integration in the China partition
    String resource = "arn:aws-cn:states:::lambda:invoke";

    // when it is parsed
    ResourceArn arn = ResourceArn.parse(resource);

    // then it reads like the same integration anywhere else
    assertThat(arn.service()).isEqualTo("lambda");
    assertThat(arn.action()).isEqualTo("invoke");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sqs:sendMessage",
        "arn:aws:states:::",
        "arn:aws:states:::sqs",
        "arn:aws:states:::sqs:",
        "arn:aws:sqs:us-east-1:123456789012:queue",
        "arn:aws:states:us-east-1:123456789012:stateMachine:Name",
        "arn:aws:lambda::123456789012:function:Name",
        "arn:aws:lambda:us-east-1::function:Name",
      })
  void shouldRejectWhatIsNoTaskResourceWithTheExpectedFormsAndWhatWasFound(String resource) {
    // given text that is none of the Resource forms

    // when it is parsed
    // then the failure is a ConnectorException saying what was expected and quoting what was found
    assertThatThrownBy(() -> ResourceArn.parse(resource))
        .isInstanceOf(UnparsableResourceException.class)
        .isInstanceOf(ConnectorException.class)
        .hasMessageStartingWith("Expected ")
        .hasMessageEndingWith("but found the Task Resource \"" + resource + "\"")
        .satisfies(
            e -> assertThat(((UnparsableResourceException) e).resource()).isEqualTo(resource));
  }

  @Test
  void shouldNameTheUnknownSuffix() {
    // given a Resource with a suffix that is no integration pattern
    String resource = "arn:aws:states:::sqs:sendMessage.async";

    // when it is parsed
    // then the message lists the suffixes there are and the one that was found
    assertThatThrownBy(() -> ResourceArn.parse(resource))
        .isInstanceOf(UnparsableResourceException.class)
        .hasMessageContaining(".sync, .sync:2, .waitForTaskToken")
        .hasMessageContaining("not \".async\"");
  }

  @Test
  void shouldNameAMalformedAccount() {
    // given a Lambda function ARN whose account is not 12 digits
    String resource = "arn:aws:lambda:us-east-1:12345:function:Name";

    // when it is parsed
    // then the message says an account id was expected and which one was found
    assertThatThrownBy(() -> ResourceArn.parse(resource))
        .isInstanceOf(UnparsableResourceException.class)
        .hasMessageContaining("12-digit account id")
        .hasMessageContaining("\"12345\"");
  }

  @Test
  void shouldRejectAMissingResource() {
    // given no Resource at all

    // when it is parsed
    // then the failure is the module's own exception, not a NullPointerException
    assertThatThrownBy(() -> ResourceArn.parse(null))
        .isInstanceOf(UnparsableResourceException.class)
        .hasMessageEndingWith("but found the Task Resource \"null\"");
  }
}
