package io.stepflow.service.statemachine;

import io.stepflow.service.testsupport.FreshPostgresDatabase;
import org.springframework.test.annotation.DirtiesContext;

/** The state machine API on PostgreSQL, in a database of its own. */
@FreshPostgresDatabase
@DirtiesContext
class StateMachineApiPostgresIT extends StateMachineApiScenarios {}
