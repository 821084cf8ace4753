package io.stepflow.service.resilience;

import io.stepflow.service.testsupport.PostgresDatabase;
import io.stepflow.service.testsupport.SfnClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One test's fresh PostgreSQL database, the service processes started on it and the clients that
 * talk to them; closing it stops every process and drops the database.
 */
final class ServiceFixture implements AutoCloseable {

  private final PostgresDatabase database = PostgresDatabase.create();
  private final List<ServiceProcess> instances = new CopyOnWriteArrayList<>();
  private final List<SfnClient> clients = new CopyOnWriteArrayList<>();

  /** Starts a service process named {@code name} on the database and waits until it is up. */
  ServiceProcess start(String name) {
    ServiceProcess instance = ServiceProcess.start(name, database);
    instances.add(instance);
    return instance;
  }

  /** An AWS SDK client of the instance's AWS-compatible API, closed with the fixture. */
  SfnClient client(ServiceProcess instance) {
    SfnClient client = SfnClients.local(instance.port());
    clients.add(client);
    return client;
  }

  /** The single number that {@code sql} (a {@code SELECT count(*) ...}) answers. */
  long countRows(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                database.url(), System.getProperty("stepflow.test.pg.user", "postgres"), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to run " + sql + ", but: " + e.getMessage(), e);
    }
  }

  /** Where each instance's log is and how it ended, for assertion messages. */
  String logs() {
    return "instances: " + instances.stream().map(ServiceProcess::describe).toList();
  }

  @Override
  public void close() {
    clients.forEach(SfnClient::close);
    instances.forEach(ServiceProcess::close);
    database.drop();
  }
}
