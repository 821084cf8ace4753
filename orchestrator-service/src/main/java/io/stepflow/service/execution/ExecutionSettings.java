package io.stepflow.service.execution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How executions run, under {@code stepflow.executions.*}.
 *
 * @param maxPayloadSize the largest input, output or state result; larger fails with
 *     States.DataLimitExceeded, as AWS does at 256 KiB. Default {@code 256KB}.
 * @param workers how many virtual threads apply queued commands; each holds a database connection
 *     while it works, so keep the connection pool larger. Default {@code 16}.
 * @param pollInterval how often an idle worker looks for due commands that another instance or a
 *     timer queued; commands queued by this instance wake it at once. Default {@code 100ms}.
 * @param outboxLease how long a claimed outbox entry stays claimed before another instance may take
 *     it over (its instance died mid-work). Default {@code 30s}.
 * @param maxHistoryEvents the most events one execution may record before it fails, as AWS's
 *     25,000-event limit, but yours to raise. Default {@code 25000}.
 */
@ConfigurationProperties("stepflow.executions")
public record ExecutionSettings(
    @DefaultValue("256KB") DataSize maxPayloadSize,
    @DefaultValue("16") int workers,
    @DefaultValue("100ms") Duration pollInterval,
    @DefaultValue("30s") Duration outboxLease,
    @DefaultValue("25000") int maxHistoryEvents) {}
