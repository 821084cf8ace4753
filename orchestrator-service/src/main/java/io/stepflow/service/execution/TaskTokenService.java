package io.stepflow.service.execution;

import io.stepflow.engine.TaskTokens;
import io.stepflow.service.StepflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task tokens: 256 random bits, so they cannot be guessed; only their SHA-256 is stored, so a token
 * changed in any character names no task (tamper-evident), and a database read gives no usable
 * token. A token completes its task at most once.
 */
@Component
public class TaskTokenService implements TaskTokens {

  /** The task a token names. */
  public record TaskRef(String executionArn, long taskId) {}

  private static final String PREFIX = "sft1.";
  private static final Pattern SHAPE = Pattern.compile("sft1\\.[A-Za-z0-9_-]{43}");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TaskTokenService(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Issues a token in the caller's transaction. */
  @Override
  public String issue(String executionArn, long taskId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql(
            "INSERT INTO task_token (token_hash, execution_arn, task_id, status, created_at)"
                + " VALUES (?,?,?,'OPEN',?)")
        .params(hash(token), executionArn, taskId, Timestamp.from(clock.instant()))
        .update();
    return token;
  }

  /**
   * Marks the token used and names its task; the second use of a token fails.
   *
   * @throws StepflowException InvalidToken for a malformed token, TaskDoesNotExist for one that
   *     names no open task
   */
  public TaskRef use(String token) {
    TaskRef ref = open(token);
    jdbc.sql("UPDATE task_token SET status = 'USED', used_at = ? WHERE token_hash = ?")
        .params(Timestamp.from(clock.instant()), hash(token))
        .update();
    return ref;
  }

  /** Names the task of a token that is still open, without using it (heartbeats). */
  public TaskRef open(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      throw new StepflowException(
          "InvalidToken",
          StepflowException.Kind.INVALID,
          "Expected taskToken to be a token Stepflow issued (sft1. and 43 characters), but found '"
              + abbreviate(token)
              + "'");
    }
    Optional<TaskRef> ref =
        jdbc.sql(
                "SELECT t.execution_arn, t.task_id FROM task_token t JOIN execution e"
                    + " ON e.arn = t.execution_arn"
                    + " WHERE t.token_hash = ? AND t.status = 'OPEN' AND e.status = 'RUNNING'"
                    + " FOR UPDATE")
            .param(hash(token))
            .query((rs, row) -> new TaskRef(rs.getString(1), rs.getLong(2)))
            .optional();
    return ref.orElseThrow(
        () ->
            StepflowException.notFound(
                "TaskDoesNotExist",
                "Expected the token of a task that waits for its result, but its task has already"
                    + " completed, timed out or ended with its execution"));
  }

  private static String abbreviate(String token) {
    if (token == null) {
      return "";
    }
    return token.length() > 24 ? token.substring(0, 24) + "..." : token;
  }

  private static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide SHA-256", e);
    }
  }
}
