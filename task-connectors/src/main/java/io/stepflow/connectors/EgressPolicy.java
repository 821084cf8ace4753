package io.stepflow.connectors;

import java.util.List;
import java.util.Locale;

/**
 * The hosts that Tasks calling out over HTTP (the HTTP and job connectors) may reach: {@code *},
 * {@code *.domain} or an exact host. Definitions compute their endpoints at run time, so the check
 * is made on every request, not when a state machine is created.
 */
public final class EgressPolicy {

  private final List<String> patterns;

  public EgressPolicy(List<String> patterns) {
    this.patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** True when {@code host} matches one of the patterns. */
  public boolean allows(String host) {
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
