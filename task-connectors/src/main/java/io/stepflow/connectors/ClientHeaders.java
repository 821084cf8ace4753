package io.stepflow.connectors;

import java.util.Set;

/** Headers that the HTTP client sets itself, so that a definition may not (lower case). */
public final class ClientHeaders {

  /** Framing and hop-by-hop headers: the JDK client refuses or overrides them. */
  public static final Set<String> SET_BY_CLIENT =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive");

  private ClientHeaders() {}
}
