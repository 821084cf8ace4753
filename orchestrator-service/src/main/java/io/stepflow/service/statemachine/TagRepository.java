package io.stepflow.service.statemachine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The resource_tag table: tags by resource ARN, whatever the resource. */
@Repository
class TagRepository {

  private final JdbcClient jdbc;

  TagRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The resource's tags by key, in key order. */
  Map<String, String> tags(String resourceArn) {
    Map<String, String> tags = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT tag_key, tag_value FROM resource_tag WHERE resource_arn = :arn"
                + " ORDER BY tag_key")
        .param("arn", resourceArn)
        .query(
            (RowCallbackHandler)
                rs -> {
                  tags.put(rs.getString("tag_key"), rs.getString("tag_value"));
                });
    return tags;
  }

  /** Adds the tags, overwriting the values of keys the resource already has. */
  void put(String resourceArn, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    remove(resourceArn, tags.keySet());
    tags.forEach(
        (key, value) ->
            jdbc.sql(
                    "INSERT INTO resource_tag (resource_arn, tag_key, tag_value)"
                        + " VALUES (:arn, :key, :value)")
                .param("arn", resourceArn)
                .param("key", key)
                .param("value", value)
                .update());
  }

  void remove(String resourceArn, Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    jdbc.sql("DELETE FROM resource_tag WHERE resource_arn = :arn AND tag_key IN (:keys)")
        .param("arn", resourceArn)
        .param("keys", keys)
        .update();
  }

  void removeAll(String resourceArn) {
    jdbc.sql("DELETE FROM resource_tag WHERE resource_arn = :arn")
        .param("arn", resourceArn)
        .update();
  }

  /** True when the activity exists (tags are kept for activities too). */
  boolean activityExists(String arn) {
    return jdbc.sql("SELECT COUNT(*) FROM activity WHERE arn = :arn")
            .param("arn", arn)
            .query(Integer.class)
            .single()
        > 0;
  }
}
