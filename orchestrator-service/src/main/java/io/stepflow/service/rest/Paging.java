package io.stepflow.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepflow.service.StepflowException;
import java.util.List;

/** A page of a list resource and the token that fetches the next one (absent on the last page). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Paging<T>(List<T> items, String nextPageToken) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** The limit query parameter: absent means 100; else 1 to 1000. */
  static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw StepflowException.invalid("limit", "1 to " + MAX_LIMIT, limit);
    }
    return limit;
  }
}
