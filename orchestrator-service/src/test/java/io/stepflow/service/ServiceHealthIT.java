package io.stepflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceHealthIT {

  static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    dataDir = Files.createTempDirectory("stepflow-health");
    registry.add("stepflow.data-dir", dataDir::toString);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void shouldReportUpAndKeepTheEmbeddedDatabaseInTheDataDir() throws Exception {
    // given a service started on its embedded defaults
    HttpClient client = HttpClient.newHttpClient();

    // when the health endpoint is asked
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then it answers UP and the database file lives under the data dir
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
    assertThat(dataDir.resolve("stepflow.mv.db")).exists();
  }
}
