package io.stepflow.service.timer;

import io.stepflow.service.testsupport.PostgresDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The timers on PostgreSQL, in a database of their own. The database is dropped only after Spring
 * has closed the context (and so stopped the scheduler): {@link DropDatabase} is declared before
 * {@code @SpringBootTest}, so JUnit runs its after-all callback after Spring's.
 */
@ExtendWith(QuartzTimerServicePostgresIT.DropDatabase.class)
@SpringBootTest
@Import(RecordingCommandInbox.Configuration.class)
@DirtiesContext
class QuartzTimerServicePostgresIT extends TimerServiceBehaviour {

  static PostgresDatabase database;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    database = PostgresDatabase.create();
    database.register(registry);
  }

  static final class DropDatabase implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
      if (database != null) {
        database.drop();
      }
    }
  }
}
