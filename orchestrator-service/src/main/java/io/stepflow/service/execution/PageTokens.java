package io.stepflow.service.execution;

import io.stepflow.service.StepflowException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque paging tokens: the position to continue after, base64url-encoded. */
final class PageTokens {

  private PageTokens() {}

  static String write(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  static String read(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new StepflowException(
          "InvalidToken",
          StepflowException.Kind.INVALID,
          "Expected nextToken as a previous page returned it, but found '" + token + "'");
    }
  }
}
