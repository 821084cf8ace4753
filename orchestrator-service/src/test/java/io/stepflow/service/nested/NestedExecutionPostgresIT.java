package io.stepflow.service.nested;

import io.stepflow.service.testsupport.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Nested executions on PostgreSQL, in a database of their own. */
@DirtiesContext
class NestedExecutionPostgresIT extends NestedExecutionScenarios {

  static PostgresDatabase database;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    database = PostgresDatabase.create();
    database.register(registry);
  }

  @AfterAll
  static void drop() {
    if (database != null) {
      database.drop();
    }
  }
}
