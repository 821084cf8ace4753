package io.stepflow.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.Command;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of the commands a worker claimed it may apply, given all of the execution's due ones. */
class CommandOrderTest {

  private static JdbcCommandInbox.Queued queued(long id) {
    return new JdbcCommandInbox.Queued(
        id, "arn:exec", new Command.StopExecution("E", "c"), Instant.EPOCH);
  }

  private static List<Long> ids(List<JdbcCommandInbox.Queued> commands) {
    return commands.stream().map(JdbcCommandInbox.Queued::id).toList();
  }

  @Test
  void shouldApplyEveryClaimedCommandWhenNoneIsHeldElsewhere() {
    // given a worker that claimed all three due commands
    List<JdbcCommandInbox.Queued> claimed = List.of(queued(10), queued(11), queued(12));

    // when / then it applies all three
    assertThat(ids(JdbcCommandInbox.inOrder(claimed, List.of(10L, 11L, 12L))))
        .containsExactly(10L, 11L, 12L);
  }

  @Test
  void shouldStopBeforeAGapThatAnotherWorkerHolds() {
    // given commands 10, 11 and 12 due, of which another worker holds 11 (SKIP LOCKED skipped it)
    List<JdbcCommandInbox.Queued> claimed = List.of(queued(10), queued(12));

    // when / then only 10 applies now; 12 waits until 11 has applied
    assertThat(ids(JdbcCommandInbox.inOrder(claimed, List.of(10L, 11L, 12L)))).containsExactly(10L);
  }

  @Test
  void shouldApplyNothingWhenTheOldestDueCommandIsHeldElsewhere() {
    // given another worker holding the oldest due command
    List<JdbcCommandInbox.Queued> claimed = List.of(queued(11), queued(12));

    // when / then this worker leaves its claims for later
    assertThat(JdbcCommandInbox.inOrder(claimed, List.of(10L, 11L, 12L))).isEmpty();
  }

  @Test
  void shouldApplyTheClaimedRunWhenANewerCommandArrivedAfterTheClaim() {
    // given a command queued after the claim, newer than every claimed one
    List<JdbcCommandInbox.Queued> claimed = List.of(queued(10), queued(11));

    // when / then the claimed ones apply; the new one waits for the next claim
    assertThat(ids(JdbcCommandInbox.inOrder(claimed, List.of(10L, 11L, 13L))))
        .containsExactly(10L, 11L);
  }
}
