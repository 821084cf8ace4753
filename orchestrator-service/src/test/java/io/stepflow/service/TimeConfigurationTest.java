package io.stepflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.RepeatedTest;

class TimeConfigurationTest {

  @RepeatedTest(5)
  void shouldTellTimeInWholeMillisecondsAsAwsReportsIt() {
    // given the service's clock
    Clock clock = new TimeConfiguration().clock();

    // when it is read
    int nanos = clock.instant().getNano();

    // then it carries no part of a millisecond, so every API shows the same stop date
    assertThat(nanos % 1_000_000).isZero();
  }
}
