package io.stepflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsSdkTest {

  private static SdkClientException attempt(String message) {
    return SdkClientException.create(message);
  }

  @Test
  void shouldNameTheFirstAttemptsReasonWhenTheLastAttemptFailedOtherwise() {
    // given a call refused three times whose fourth attempt timed out waiting for a connection
    SdkClientException last =
        attempt(
            "Unable to execute HTTP request: Acquire operation took longer (SDK Attempt Count: 4)");
    last.addSuppressed(
        attempt("Request attempt 1 failure: Unable to execute HTTP request: Connection refused"));
    last.addSuppressed(
        attempt("Request attempt 2 failure: Unable to execute HTTP request: Connection refused"));

    // when its cause is told
    String told = AwsSdk.firstAttempt(last);

    // then the first attempt's reason is named too
    assertThat(told)
        .isEqualTo("; the first attempt: Unable to execute HTTP request: Connection refused");
  }

  @Test
  void shouldAddNothingWhenEveryAttemptFailedAlikeOrThereWasOne() {
    // given a call refused on every attempt, and one that failed on its only attempt
    SdkClientException alike =
        attempt("Unable to execute HTTP request: Connection refused (SDK Attempt Count: 4)");
    alike.addSuppressed(
        attempt("Request attempt 1 failure: Unable to execute HTTP request: Connection refused"));
    SdkClientException once = attempt("Unable to execute HTTP request: Connection refused");

    // when / then their causes stay as the last attempt tells them
    assertThat(AwsSdk.firstAttempt(alike)).isEmpty();
    assertThat(AwsSdk.firstAttempt(once)).isEmpty();
  }
}
