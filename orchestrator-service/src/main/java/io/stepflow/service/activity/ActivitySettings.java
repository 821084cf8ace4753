package io.stepflow.service.activity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Activity workers' long polls, under {@code stepflow.activities.*}.
 *
 * @param longPoll how long GetActivityTask waits for a task before it answers with none, as AWS's
 *     60 seconds. Default {@code 60s}.
 * @param recheck how often a waiting poll looks for tasks queued by other instances. Default {@code
 *     1s}.
 */
@ConfigurationProperties("stepflow.activities")
public record ActivitySettings(
    @DefaultValue("60s") Duration longPoll, @DefaultValue("1s") Duration recheck) {}
