package io.stepflow.service.timer;

import io.stepflow.service.testsupport.FreshPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/** The timers on PostgreSQL, in a database of their own. */
@FreshPostgresDatabase
@SpringBootTest
@Import(RecordingCommandInbox.Configuration.class)
@DirtiesContext
class QuartzTimerServicePostgresIT extends TimerServiceBehaviour {}
