package io.stepflow.service.statemachine;

import io.stepflow.service.StepflowException;
import io.stepflow.service.aws.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list and the token for the next. Tokens are opaque to clients: the position after
 * the last item, so that pages stay stable while items are added or removed.
 */
public record Page<T>(List<T> items, String nextToken) {

  static final int DEFAULT_SIZE = 100;

  /** maxResults: 0 or absent means the default of 100; at most 1000. */
  static int size(AwsRequest request) {
    int size = request.optionalInt("maxResults", 0, 0, 1000);
    return size == 0 ? DEFAULT_SIZE : size;
  }

  /** Reads nextToken back into the position it holds, or null when there is none. */
  static String position(AwsRequest request) {
    return position(request.optionalString("nextToken"));
  }

  /** Reads a page token back into the position it holds, or null for none (for the REST API). */
  public static String position(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("p:")) {
        return decoded.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw invalidToken(token);
  }

  static StepflowException invalidToken(String token) {
    return new StepflowException(
        "InvalidToken",
        StepflowException.Kind.INVALID,
        "Expected nextToken to be a token from an earlier response, but found '" + token + "'");
  }

  /**
   * A page from up to {@code size + 1} fetched rows: the extra row, when present, only tells that
   * there is more.
   */
  static <T> Page<T> of(
      List<T> fetched, int size, java.util.function.Function<T, String> position) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, size);
    String last = position.apply(items.get(size - 1));
    String token =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("p:" + last).getBytes(StandardCharsets.UTF_8));
    return new Page<>(items, token);
  }
}
