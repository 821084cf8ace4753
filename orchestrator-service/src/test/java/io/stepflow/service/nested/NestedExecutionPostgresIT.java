package io.stepflow.service.nested;

import io.stepflow.service.testsupport.FreshPostgresDatabase;
import org.springframework.test.annotation.DirtiesContext;

/** Nested executions on PostgreSQL, in a database of their own. */
@FreshPostgresDatabase
@DirtiesContext
class NestedExecutionPostgresIT extends NestedExecutionScenarios {}
