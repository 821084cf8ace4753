-- Executions started by a Task state of another execution (arn:aws:states:::states:startExecution):
-- which task of which parent started the child, and how that task waits for it (the Resource's
-- integration pattern). One row per parent task, so a task sent twice starts one child.
CREATE TABLE nested_execution (
    child_arn          VARCHAR(2048) PRIMARY KEY REFERENCES execution (arn) ON DELETE CASCADE,
    parent_arn         VARCHAR(2048) NOT NULL,
    parent_task_id     BIGINT        NOT NULL,
    integration        VARCHAR(32)   NOT NULL,  -- REQUEST_RESPONSE RUN_JOB RUN_JOB_V2 WAIT_FOR_TASK_TOKEN
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (parent_arn, parent_task_id)
);
