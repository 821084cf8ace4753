package io.stepflow.asl.choice;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * Timestamps as the Amazon States Language accepts them: RFC 3339 with an uppercase {@code T}
 * between date and time, seconds, an optional fraction, and {@code Z} or a {@code +hh:mm} offset,
 * for example {@code 2016-08-18T17:33:00Z}.
 */
final class Timestamps {

  private static final Pattern FORM =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  private Timestamps() {}

  /** The instant the text stands for, or null when it is not such a timestamp. */
  static Instant parse(String text) {
    if (text == null || !FORM.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
