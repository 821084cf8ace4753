package io.stepflow.asl.model;

/** A state of a state machine. Each type is a record; {@link Common} holds the shared fields. */
public sealed interface State
    permits PassState,
        TaskState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  /** The fields every state type may carry. */
  Common common();

  default String name() {
    return common().name();
  }

  default QueryLanguage queryLanguage() {
    return common().queryLanguage();
  }

  /** The type as AWS writes it in history events: Pass, Task, Choice, ... */
  String type();
}
