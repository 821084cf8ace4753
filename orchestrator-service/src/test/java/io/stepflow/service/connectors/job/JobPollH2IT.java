package io.stepflow.service.connectors.job;

/** Job polls on the embedded H2 database (PostgreSQL mode), the default for a first run. */
class JobPollH2IT extends JobPollScenarios {}
