-- Quartz inserts its two lock rows the first time it needs them. Two transactions doing that at
-- once (two instances, or two executions setting their first timers) collide on the primary key,
-- and on PostgreSQL the loser's transaction, a StartExecution or a transition, is aborted. Present
-- from the start, the rows are only ever locked. 'stepflow' is spring.quartz.scheduler-name.
INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('stepflow', 'TRIGGER_ACCESS');
INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('stepflow', 'STATE_ACCESS');
