package io.stepflow.service;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard from the admin-ui jar: its files live under {@code META-INF/resources/ui/},
 * so Spring Boot serves them at {@code /ui/**}. A browser opening the service's root lands on it
 * through {@link RootRedirect}.
 */
@Configuration(proxyBeanMethods = false)
class AdminUiConfiguration implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/ui", "/ui/");
    registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
  }
}
