package io.stepflow.engine;

import java.util.List;

/**
 * What handling one command produced: the events to append to the history (already applied to the
 * state) and the effects to carry out once they are stored.
 */
public record Decision(List<HistoryEvent> events, List<Effect> effects) {}
