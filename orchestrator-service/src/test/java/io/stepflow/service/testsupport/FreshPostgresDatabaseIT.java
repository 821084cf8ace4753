package io.stepflow.service.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** The database that {@link FreshPostgresDatabase} gives an application context lives as long. */
class FreshPostgresDatabaseIT {

  @Test
  void shouldCreateTheDatabaseForTheContextAndDropItOnceTheContextHasClosed() throws Exception {
    // given a context customized as @FreshPostgresDatabase customizes a test's context
    GenericApplicationContext context = new GenericApplicationContext();
    new FreshPostgresDatabaseCustomizer().customizeContext(context, null);
    context.refresh();
    String url = context.getEnvironment().getProperty("spring.datasource.url");
    String name = url.substring(url.lastIndexOf('/') + 1);

    // when the context runs, and then closes
    boolean whileRunning = exists(name);
    context.close();

    // then the database existed while it ran and is gone after
    assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:5432/stepflow_it_");
    assertThat(context.getEnvironment().getProperty("spring.datasource.username")).isNotBlank();
    assertThat(whileRunning).isTrue();
    assertThat(exists(name)).isFalse();
  }

  private static boolean exists(String database) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres",
                System.getProperty("stepflow.test.pg.user", "postgres"),
                "");
        PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      s.setString(1, database);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
