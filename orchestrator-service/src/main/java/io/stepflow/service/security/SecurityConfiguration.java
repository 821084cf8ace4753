package io.stepflow.service.security;

import io.stepflow.service.AwsSettings;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the request signature check in front of everything. A configuration rather than a filter
 * component, so that web slice tests, which load no configurations, do not need its settings.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<RequestSignatureFilter> requestSignatureFilter(
      AwsSettings settings, Clock clock) {
    var registration = new FilterRegistrationBean<>(new RequestSignatureFilter(settings, clock));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
