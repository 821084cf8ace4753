package io.stepflow.service.nested;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Nested executions on the embedded H2 database. */
class NestedExecutionH2IT extends NestedExecutionScenarios {

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) throws Exception {
    var dataDir = Files.createTempDirectory("stepflow-nested");
    registry.add("stepflow.data-dir", dataDir::toString);
  }
}
