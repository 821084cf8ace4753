package io.stepflow.service.execution;

import io.stepflow.service.testsupport.FreshPostgresDatabase;
import org.springframework.test.annotation.DirtiesContext;

/** Executions on PostgreSQL, in a database of their own. */
@FreshPostgresDatabase
@DirtiesContext
class ExecutionApiPostgresIT extends ExecutionApiScenarios {}
