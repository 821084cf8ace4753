package io.stepflow.service.execution;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Executions on the embedded H2 database, the default for a first run. */
class ExecutionApiH2IT extends ExecutionApiScenarios {

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-executions");
    registry.add("stepflow.data-dir", dataDir::toString);
  }
}
