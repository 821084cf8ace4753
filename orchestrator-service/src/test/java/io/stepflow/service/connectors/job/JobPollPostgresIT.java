package io.stepflow.service.connectors.job;

import io.stepflow.service.testsupport.FreshPostgresDatabase;

/** Job polls on PostgreSQL, in a database of their own. */
@FreshPostgresDatabase
class JobPollPostgresIT extends JobPollScenarios {}
