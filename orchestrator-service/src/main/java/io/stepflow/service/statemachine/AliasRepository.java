package io.stepflow.service.statemachine;

import static io.stepflow.service.statemachine.StateMachineRepository.instant;
import static io.stepflow.service.statemachine.StateMachineRepository.timestamp;

import io.stepflow.asl.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The state_machine_alias table; the routing is kept as JSON text. */
@Repository
class AliasRepository {

  private static final String COLUMNS =
      "arn, state_machine_arn, name, description, routing, created_at, updated_at";

  private final JdbcClient jdbc;
  private final StateMachineCache cache;

  AliasRepository(JdbcClient jdbc, StateMachineCache cache) {
    this.jdbc = jdbc;
    this.cache = cache;
  }

  void insert(AliasRow row) {
    cache.changed();
    jdbc.sql(
            "INSERT INTO state_machine_alias (arn, state_machine_arn, name, description, routing,"
                + " created_at, updated_at) VALUES (:arn, :machine, :name, :description,"
                + " :routing, :createdAt, :updatedAt)")
        .param("arn", row.arn())
        .param("machine", row.stateMachineArn())
        .param("name", row.name())
        .param("description", row.description(), Types.VARCHAR)
        .param("routing", write(row.routing()))
        .param("createdAt", timestamp(row.createdAt()))
        .param("updatedAt", timestamp(row.updatedAt()))
        .update();
  }

  Optional<AliasRow> find(String arn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM state_machine_alias WHERE arn = :arn")
        .param("arn", arn)
        .query(AliasRepository::alias)
        .optional();
  }

  void update(String arn, String description, List<Route> routing, Instant at) {
    cache.changed();
    jdbc.sql(
            "UPDATE state_machine_alias SET description = :description, routing = :routing,"
                + " updated_at = :at WHERE arn = :arn")
        .param("description", description, Types.VARCHAR)
        .param("routing", write(routing))
        .param("at", timestamp(at))
        .param("arn", arn)
        .update();
  }

  boolean delete(String arn) {
    cache.changed();
    return jdbc.sql("DELETE FROM state_machine_alias WHERE arn = :arn").param("arn", arn).update()
        > 0;
  }

  /** Every alias of the state machine, by name. */
  List<AliasRow> listAll(String machineArn) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM state_machine_alias WHERE state_machine_arn = :machine ORDER BY name")
        .param("machine", machineArn)
        .query(AliasRepository::alias)
        .list();
  }

  private static String write(List<Route> routing) {
    return Json.write(
        routing.stream()
            .map(
                r -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("stateMachineVersionArn", r.stateMachineVersionArn());
                  item.put("weight", r.weight());
                  return item;
                })
            .toList());
  }

  private static List<Route> read(String json) {
    return ((List<?>) Json.parse(json))
        .stream()
            .map(Map.class::cast)
            .map(
                m ->
                    new Route(
                        (String) m.get("stateMachineVersionArn"),
                        ((Number) m.get("weight")).intValue()))
            .toList();
  }

  private static AliasRow alias(ResultSet rs, int row) throws SQLException {
    return new AliasRow(
        rs.getString("arn"),
        rs.getString("state_machine_arn"),
        rs.getString("name"),
        rs.getString("description"),
        read(rs.getString("routing")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}
