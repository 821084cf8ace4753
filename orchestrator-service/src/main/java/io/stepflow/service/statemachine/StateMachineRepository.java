package io.stepflow.service.statemachine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The state_machine and state_machine_version tables. */
@Repository
class StateMachineRepository {

  private static final String MACHINE_COLUMNS =
      "arn, name, type, role_arn, definition, revision_id, created_at, updated_at";
  private static final String VERSION_COLUMNS =
      "arn, state_machine_arn, version, definition, role_arn, revision_id, description, created_at";

  private final JdbcClient jdbc;
  private final StateMachineCache cache;

  StateMachineRepository(JdbcClient jdbc, StateMachineCache cache) {
    this.jdbc = jdbc;
    this.cache = cache;
  }

  void insert(StateMachineRow row) {
    cache.changed();
    jdbc.sql(
            "INSERT INTO state_machine (arn, name, type, role_arn, definition, revision_id,"
                + " status, created_at, updated_at) VALUES (:arn, :name, :type, :roleArn,"
                + " :definition, :revisionId, 'ACTIVE', :createdAt, :updatedAt)")
        .param("arn", row.arn())
        .param("name", row.name())
        .param("type", row.type())
        .param("roleArn", row.roleArn())
        .param("definition", row.definition())
        .param("revisionId", row.revisionId())
        .param("createdAt", timestamp(row.createdAt()))
        .param("updatedAt", timestamp(row.updatedAt()))
        .update();
  }

  Optional<StateMachineRow> find(String arn) {
    return jdbc.sql("SELECT " + MACHINE_COLUMNS + " FROM state_machine WHERE arn = :arn")
        .param("arn", arn)
        .query(StateMachineRepository::machine)
        .optional();
  }

  /** Reads the row and locks it until the transaction ends, so that writers take turns. */
  Optional<StateMachineRow> findForUpdate(String arn) {
    return jdbc.sql("SELECT " + MACHINE_COLUMNS + " FROM state_machine WHERE arn = :arn FOR UPDATE")
        .param("arn", arn)
        .query(StateMachineRepository::machine)
        .optional();
  }

  void update(String arn, String definition, String roleArn, String revisionId, Instant at) {
    cache.changed();
    jdbc.sql(
            "UPDATE state_machine SET definition = :definition, role_arn = :roleArn,"
                + " revision_id = :revisionId, updated_at = :at WHERE arn = :arn")
        .param("definition", definition)
        .param("roleArn", roleArn)
        .param("revisionId", revisionId)
        .param("at", timestamp(at))
        .param("arn", arn)
        .update();
  }

  /** Deletes the state machine with its versions and aliases; false when there was none. */
  boolean delete(String arn) {
    cache.changed();
    return jdbc.sql("DELETE FROM state_machine WHERE arn = :arn").param("arn", arn).update() > 0;
  }

  /** State machines by name, from the first name after {@code afterName} (null: the first). */
  List<StateMachineRow> list(String afterName, int limit) {
    return jdbc.sql(
            "SELECT "
                + MACHINE_COLUMNS
                + " FROM state_machine WHERE (:after IS NULL OR name > :after)"
                + " ORDER BY name LIMIT :limit")
        .param("after", afterName, java.sql.Types.VARCHAR)
        .param("limit", limit)
        .query(StateMachineRepository::machine)
        .list();
  }

  void insertVersion(VersionRow row) {
    cache.changed();
    jdbc.sql(
            "INSERT INTO state_machine_version (arn, state_machine_arn, version, definition,"
                + " role_arn, revision_id, description, created_at) VALUES (:arn, :machine,"
                + " :version, :definition, :roleArn, :revisionId, :description, :createdAt)")
        .param("arn", row.arn())
        .param("machine", row.stateMachineArn())
        .param("version", row.version())
        .param("definition", row.definition())
        .param("roleArn", row.roleArn())
        .param("revisionId", row.revisionId())
        .param("description", row.description(), java.sql.Types.VARCHAR)
        .param("createdAt", timestamp(row.createdAt()))
        .update();
  }

  Optional<VersionRow> findVersion(String arn) {
    return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM state_machine_version WHERE arn = :arn")
        .param("arn", arn)
        .query(StateMachineRepository::version)
        .optional();
  }

  Optional<VersionRow> findVersionOfRevision(String machineArn, String revisionId) {
    return jdbc.sql(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM state_machine_version WHERE state_machine_arn = :machine"
                + " AND revision_id = :revisionId ORDER BY version DESC LIMIT 1")
        .param("machine", machineArn)
        .param("revisionId", revisionId)
        .query(StateMachineRepository::version)
        .optional();
  }

  int highestVersion(String machineArn) {
    return jdbc.sql(
            "SELECT COALESCE(MAX(version), 0) FROM state_machine_version"
                + " WHERE state_machine_arn = :machine")
        .param("machine", machineArn)
        .query(Integer.class)
        .single();
  }

  int countVersions(String machineArn) {
    return jdbc.sql("SELECT COUNT(*) FROM state_machine_version WHERE state_machine_arn = :machine")
        .param("machine", machineArn)
        .query(Integer.class)
        .single();
  }

  /** Versions newest first, from the first below {@code belowVersion} (null: the newest). */
  List<VersionRow> listVersions(String machineArn, Integer belowVersion, int limit) {
    return jdbc.sql(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM state_machine_version WHERE state_machine_arn = :machine"
                + " AND (:below IS NULL OR version < :below) ORDER BY version DESC LIMIT :limit")
        .param("machine", machineArn)
        .param("below", belowVersion, java.sql.Types.INTEGER)
        .param("limit", limit)
        .query(StateMachineRepository::version)
        .list();
  }

  void deleteVersion(String arn) {
    cache.changed();
    jdbc.sql("DELETE FROM state_machine_version WHERE arn = :arn").param("arn", arn).update();
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static StateMachineRow machine(ResultSet rs, int row) throws SQLException {
    return new StateMachineRow(
        rs.getString("arn"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("role_arn"),
        rs.getString("definition"),
        rs.getString("revision_id"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static VersionRow version(ResultSet rs, int row) throws SQLException {
    return new VersionRow(
        rs.getString("arn"),
        rs.getString("state_machine_arn"),
        rs.getInt("version"),
        rs.getString("definition"),
        rs.getString("role_arn"),
        rs.getString("revision_id"),
        rs.getString("description"),
        instant(rs, "created_at"));
  }
}
