package io.stepflow.service;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every part of the service reads time from; tests replace it. It ticks in whole
 * milliseconds, the precision AWS reports every date in, so that a stop date or an event's time
 * reads the same through the AWS API, the REST API and the database.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
