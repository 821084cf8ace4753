package io.stepflow.service.timer;

import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The timers on the zero-setup embedded H2 database. */
// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest
@Import(RecordingCommandInbox.Configuration.class)
class QuartzTimerServiceH2IT extends TimerServiceBehaviour {

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("stepflow-timers").toString();
    registry.add("stepflow.data-dir", () -> dir);
  }
}
