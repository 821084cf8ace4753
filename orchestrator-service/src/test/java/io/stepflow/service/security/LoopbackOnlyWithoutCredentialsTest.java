package io.stepflow.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.service.AwsSettings;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

class LoopbackOnlyWithoutCredentialsTest {

  @Test
  void shouldListenOnLoopbackOnlyWhenNoCredentialsAreConfigured() {
    // given no credentials and no server.address
    var factory = new TomcatServletWebServerFactory();
    var rule =
        new LoopbackOnlyWithoutCredentials(
            new AwsSettings("us-east-1", "123456789012", null, null), new MockEnvironment());

    // when the server is configured
    rule.customize(factory);

    // then it binds to loopback
    assertThat(factory.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
  }

  @Test
  void shouldLeaveTheAddressAloneWhenCredentialsAreConfigured() {
    var factory = new TomcatServletWebServerFactory();
    new LoopbackOnlyWithoutCredentials(
            new AwsSettings("us-east-1", "123456789012", "AKID", "secret"), new MockEnvironment())
        .customize(factory);
    assertThat(factory.getAddress()).isNull();
  }

  @Test
  void shouldKeepAnAddressTheOperatorChose() {
    var factory = new TomcatServletWebServerFactory();
    new LoopbackOnlyWithoutCredentials(
            new AwsSettings("us-east-1", "123456789012", null, null),
            new MockEnvironment().withProperty("server.address", "0.0.0.0"))
        .customize(factory);
    assertThat(factory.getAddress()).isNull();
  }
}
