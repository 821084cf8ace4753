package io.stepflow.service.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL database on 127.0.0.1:5432 for one test class, so that integration tests run
 * against the real server without seeing each other's rows. Created on demand, dropped by {@link
 * #drop()}. A Spring test class asks for one with {@link FreshPostgresDatabase}.
 */
public final class PostgresDatabase {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = System.getProperty("stepflow.test.pg.user", "postgres");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  /** Creates {@code stepflow_it_<random>}. */
  public static PostgresDatabase create() {
    String name = "stepflow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return new PostgresDatabase(name);
  }

  public String url() {
    return SERVER + name;
  }

  /** Points the Spring test context at this database. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> "");
  }

  public void drop() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Expected a PostgreSQL server on 127.0.0.1:5432 that lets "
              + USER
              + " create databases (.ci/run starts one), but: "
              + e.getMessage(),
          e);
    }
  }
}
