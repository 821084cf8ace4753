package io.stepflow.service.timer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/**
 * Names a timer's Quartz job and trigger after its execution and timer id. Quartz keeps names in
 * 200-character columns while an execution ARN may be longer: such an ARN is replaced by its
 * SHA-256 (the full ARN travels in the job's data).
 */
final class TimerKeys {

  static final String GROUP = "stepflow-timers";
  static final int MAX_NAME_LENGTH = 200;

  private TimerKeys() {}

  static JobKey job(String executionArn, long timerId) {
    return JobKey.jobKey(name(executionArn, timerId), GROUP);
  }

  static TriggerKey trigger(String executionArn, long timerId) {
    return TriggerKey.triggerKey(name(executionArn, timerId), GROUP);
  }

  /** {@code <arn>#<timerId>}, or {@code sha256:<hex of arn>#<timerId>} when that is too long. */
  static String name(String executionArn, long timerId) {
    String suffix = "#" + timerId;
    String plain = executionArn + suffix;
    if (plain.length() <= MAX_NAME_LENGTH) {
      return plain;
    }
    return "sha256:" + sha256(executionArn) + suffix;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected every JVM to provide SHA-256", e);
    }
  }
}
