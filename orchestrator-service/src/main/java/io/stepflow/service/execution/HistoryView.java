package io.stepflow.service.execution;

import io.stepflow.engine.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The history as AWS shows it: only visible events, numbered 1..n with previousEventId mapped onto
 * those numbers. The stored history keeps the engine's own events too.
 */
public final class HistoryView {

  /** A visible event with its AWS number. */
  public record Event(long id, long previousEventId, HistoryEvent event) {}

  private HistoryView() {}

  static List<Event> visible(List<HistoryEvent> all) {
    Map<Long, Long> numbers = new HashMap<>();
    List<Event> shown = new ArrayList<>();
    long lastVisible = 0;
    for (HistoryEvent e : all) {
      if (e.visible()) {
        long number = shown.size() + 1L;
        numbers.put(e.id(), number);
        long previous = numbers.getOrDefault(e.previousEventId(), lastVisible);
        shown.add(new Event(number, previous, e));
        lastVisible = number;
      } else {
        numbers.put(e.id(), lastVisible);
      }
    }
    return shown;
  }
}
