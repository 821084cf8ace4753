package io.stepflow.service.statemachine;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The state machine API on the embedded H2 database, the default for a first run. */
class StateMachineApiH2IT extends StateMachineApiScenarios {

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-statemachines");
    registry.add("stepflow.data-dir", dataDir::toString);
  }
}
