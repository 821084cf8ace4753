package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.Effect;
import io.stepflow.service.Wakeup;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task work that leaves the service, stored with the transition that asked for it and sent only
 * after it committed, at least once: an entry is claimed with a lease, sent, then deleted; an
 * instance that dies mid-send lets its lease run out and another sends it again.
 */
@Component
class Outbox {

  /** A claimed entry. */
  record Entry(long id, String executionArn, Map<String, Object> effect) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Wakeup signal = new Wakeup();

  Outbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Woken after a transaction that added entries commits. */
  Wakeup signal() {
    return signal;
  }

  void add(String executionArn, Effect effect) {
    Map<String, Object> json = new LinkedHashMap<>();
    switch (effect) {
      case Effect.DispatchTask d -> {
        json.put("type", "DispatchTask");
        json.put("taskId", d.request().taskId());
        json.put("resource", d.request().resource());
        json.put("parameters", d.request().parameters());
        json.put("taskToken", d.request().taskToken());
        json.put("timeoutSeconds", seconds(d.request().timeout()));
        json.put("heartbeatSeconds", seconds(d.request().heartbeat()));
      }
      case Effect.CancelTask c -> {
        json.put("type", "CancelTask");
        json.put("taskId", c.taskId());
        json.put("resource", c.resource());
      }
      default -> throw new IllegalArgumentException("Expected a task effect, but found " + effect);
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            "INSERT INTO outbox (execution_arn, effect, available_at, created_at) VALUES (?,?,?,?)")
        .params(executionArn, Json.write(json), now, now)
        .update();
    signal.wakeAfterCommit(); // its readers see the work once it commits
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }

  /**
   * Claims up to {@code limit} due entries for {@code lease}, in its own short transaction: one
   * statement reads and locks them, one leases them.
   */
  @SuppressWarnings("unchecked")
  List<Entry> claim(String owner, Duration lease, int limit) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Entry> entries =
        jdbc.sql(
                // ?1, ?2 = now: due and not leased, or leased by an instance whose lease ran out
                "SELECT id, execution_arn, effect FROM outbox WHERE available_at <= ?"
                    + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)"
                    + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
            .params(now, now, limit)
            .query(
                (rs, row) ->
                    new Entry(
                        rs.getLong(1),
                        rs.getString(2),
                        (Map<String, Object>) Json.parse(rs.getString(3))))
            .list();
    if (!entries.isEmpty()) {
      jdbc.sql(
              "UPDATE outbox SET lease_owner = :owner, lease_expires_at = :until,"
                  + " attempts = attempts + 1 WHERE id IN (:ids)")
          .param("owner", owner)
          .param("until", Timestamp.from(clock.instant().plus(lease)))
          .param("ids", entries.stream().map(Entry::id).toList())
          .update();
    }
    return entries;
  }

  /** Deletes sent entries, in one statement. */
  void delete(List<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)").param("ids", ids).update();
    }
  }
}
