package io.stepflow.service.security;

import io.stepflow.service.AwsSettings;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Without credentials anyone who reaches the port could run workflows, so the service then listens
 * on loopback only, unless {@code server.address} says otherwise, and says so at start-up.
 */
@Component
class LoopbackOnlyWithoutCredentials
    implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

  private static final Logger log = LoggerFactory.getLogger(LoopbackOnlyWithoutCredentials.class);

  private final AwsSettings settings;
  private final Environment environment;

  LoopbackOnlyWithoutCredentials(AwsSettings settings, Environment environment) {
    this.settings = settings;
    this.environment = environment;
  }

  @Override
  public void customize(ConfigurableWebServerFactory factory) {
    if (settings.requiresSignature()) {
      log.info(
          "Requests must be signed (AWS Signature Version 4) with access key {}",
          settings.accessKeyId());
      return;
    }
    if (environment.containsProperty("server.address")) {
      log.warn(
          "No credentials are configured (stepflow.aws.access-key-id/secret-access-key), yet"
              + " server.address={} is set: anyone who reaches it can use the API",
          environment.getProperty("server.address"));
      return;
    }
    factory.setAddress(InetAddress.getLoopbackAddress());
    log.warn(
        "No credentials are configured (stepflow.aws.access-key-id/secret-access-key): listening on"
            + " loopback only ({}). Configure credentials to accept other hosts.",
        InetAddress.getLoopbackAddress().getHostAddress());
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own server.* customizer
  }
}
