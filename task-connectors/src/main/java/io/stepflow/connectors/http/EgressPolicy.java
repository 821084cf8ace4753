package io.stepflow.connectors.http;

import java.util.List;
import java.util.Locale;

/**
 * The hosts HTTP Tasks may reach. Definitions compute their endpoints at run time, so the check is
 * made on every request, not when a state machine is created.
 */
final class EgressPolicy {

  private final List<String> patterns;

  EgressPolicy(List<String> patterns) {
    this.patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  boolean allows(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    for (String pattern : patterns) {
      if (pattern.equals("*") || pattern.equals(h)) {
        return true;
      }
      if (pattern.startsWith("*.") && h.endsWith(pattern.substring(1))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return patterns.toString();
  }
}
