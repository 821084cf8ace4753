package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.Effect;
import io.stepflow.engine.TimerService;
import io.stepflow.service.activity.ActivityTaskQueue;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Carries out the engine's effects inside the transition's transaction: timers (the timer store
 * joins the transaction), activity tasks (queued for workers) and other tasks (written to the
 * outbox, sent once the transition committed).
 */
@Component
class EffectHandler {

  private final TimerService timers;
  private final ActivityTaskQueue activities;
  private final TaskTokenService tokens;
  private final Outbox outbox;

  EffectHandler(
      TimerService timers, ActivityTaskQueue activities, TaskTokenService tokens, Outbox outbox) {
    this.timers = timers;
    this.activities = activities;
    this.tokens = tokens;
    this.outbox = outbox;
  }

  void carryOut(String executionArn, List<Effect> effects) {
    for (Effect effect : effects) {
      switch (effect) {
        case Effect.ScheduleTimer t -> timers.schedule(executionArn, t.timerId(), t.at());
        case Effect.CancelTimer t -> timers.cancel(executionArn, t.timerId());
        case Effect.DispatchTask d -> dispatch(executionArn, d);
        case Effect.CancelTask c -> {
          if (isActivity(c.resource())) {
            activities.withdraw(executionArn, c.taskId());
          } else {
            outbox.add(executionArn, effect);
          }
        }
      }
    }
  }

  private void dispatch(String executionArn, Effect.DispatchTask d) {
    if (!isActivity(d.request().resource())) {
      outbox.add(executionArn, d);
      return;
    }
    long taskId = d.request().taskId();
    activities.enqueue(
        d.request().resource(),
        executionArn,
        taskId,
        tokens.issue(executionArn, taskId),
        Json.write(d.request().parameters()));
  }

  static boolean isActivity(String resource) {
    return resource != null
        && resource.startsWith("arn:aws:states:")
        && resource.contains(":activity:");
  }
}
