package io.stepflow.service.statemachine;

import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tags of state machines and activities, kept by resource ARN. */
@Service
class TagService {

  static final int MAX_TAGS = 50;

  private final TagRepository tags;
  private final StateMachineRepository machines;
  private final Arns arns;

  TagService(TagRepository tags, StateMachineRepository machines, Arns arns) {
    this.tags = tags;
    this.machines = machines;
    this.arns = arns;
  }

  /**
   * Reads a request's tags ([{key, value}]): keys of 1 to 128 characters, values of up to 256.
   * Throws ValidationException otherwise.
   */
  static Map<String, String> read(List<Map<String, Object>> items) {
    Map<String, String> read = new LinkedHashMap<>();
    for (Map<String, Object> item : items) {
      Object key = item.get("key");
      Object value = item.get("value");
      if (!(key instanceof String k) || k.isEmpty() || k.length() > 128) {
        throw StepflowException.invalid("tags[].key", "a string of 1 to 128 characters", key);
      }
      if (value != null && (!(value instanceof String v) || v.length() > 256)) {
        throw StepflowException.invalid("tags[].value", "a string of up to 256 characters", value);
      }
      read.put(k, value == null ? "" : (String) value);
    }
    return read;
  }

  /** Checks that the tags fit within the limit, for a resource about to be created with them. */
  static void requireWithinLimit(String resourceArn, Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw tooManyTags(resourceArn, tags.size());
    }
  }

  @Transactional
  void tag(String resourceArn, Map<String, String> added) {
    requireResource(resourceArn);
    Set<String> keys = new HashSet<>(tags.tags(resourceArn).keySet());
    keys.addAll(added.keySet());
    if (keys.size() > MAX_TAGS) {
      throw tooManyTags(resourceArn, keys.size());
    }
    tags.put(resourceArn, added);
  }

  @Transactional
  void untag(String resourceArn, List<String> keys) {
    requireResource(resourceArn);
    tags.remove(resourceArn, keys);
  }

  @Transactional(readOnly = true)
  Map<String, String> list(String resourceArn) {
    requireResource(resourceArn);
    return tags.tags(resourceArn);
  }

  /** The ARN must name an existing state machine (unqualified) or activity. */
  private void requireResource(String resourceArn) {
    String activityPrefix = arns.activity("");
    if (resourceArn != null && resourceArn.startsWith(activityPrefix)) {
      if (!tags.activityExists(resourceArn)) {
        throw Errors.resourceNotFound("activity", resourceArn);
      }
      return;
    }
    if (resourceArn == null || !resourceArn.startsWith(arns.stateMachine(""))) {
      throw Errors.invalidArn(
          "resourceArn", "the ARN of a state machine or an activity", resourceArn);
    }
    MachineArn arn =
        MachineArn.parse(arns, resourceArn, "resourceArn")
            .requireUnqualified("resourceArn", "tags");
    if (machines.find(arn.machineArn()).isEmpty()) {
      throw Errors.resourceNotFound("state machine", resourceArn);
    }
  }

  private static StepflowException tooManyTags(String resourceArn, int count) {
    return new StepflowException(
        "TooManyTags",
        StepflowException.Kind.LIMIT_EXCEEDED,
        "Expected at most "
            + MAX_TAGS
            + " tags on "
            + resourceArn
            + ", but it would have "
            + count);
  }
}
