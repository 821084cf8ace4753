package io.stepflow.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.Command;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

  @Test
  void shouldReadBackATaskSubmittedWithItsOutputWhenItWasWritten() {
    // given a submission as the outbox sender queues it
    Command submitted =
        new Command.TaskSubmitted(
            12, Map.of("MessageId", "m-1", "SdkHttpMetadata", Map.of("HttpStatusCode", 200)));

    // when it is written to the inbox and read back
    Command read = CommandCodec.read(CommandCodec.write(submitted));

    // then it is the same command
    assertThat(read).isEqualTo(submitted);
    assertThat(CommandCodec.read(CommandCodec.write(new Command.TaskSubmitted(3, List.of()))))
        .isEqualTo(new Command.TaskSubmitted(3, List.of()));
  }
}
