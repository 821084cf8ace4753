package io.stepflow.service.connectors;

import io.stepflow.connectors.job.JobSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code .sync} job connector ({@code arn:aws:states:::job:run.sync}), under {@code
 * stepflow.connectors.job.*}.
 *
 * @param enabled whether job Tasks are served; off, a definition with one is refused at
 *     CreateStateMachine. Default {@code true}.
 * @param connectTimeout how long to wait for a connection to a job API. Default {@code 5s}.
 * @param readTimeout how long to wait for the answer to one submit, status or cancel request; the
 *     task then fails with States.Http.Socket. Default {@code 60s}.
 * @param allowedHosts the hosts definitions may submit to, poll and cancel at, with the HTTP
 *     connector's rules: {@code *} any, {@code *.example.com} its subdomains, else an exact host
 *     name or address; checked on every request. Default {@code *} (narrow it in production).
 * @param pollUnit how long one unit of Poll.IntervalSeconds and Poll.MaxIntervalSeconds lasts.
 *     Default {@code 1s}; only tests should shorten it (e.g. {@code 10ms}).
 */
@ConfigurationProperties("stepflow.connectors.job")
public record JobConnectorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("*") List<String> allowedHosts,
    @DefaultValue("1s") Duration pollUnit) {

  JobSettings toSettings() {
    return new JobSettings(connectTimeout, readTimeout, allowedHosts, pollUnit);
  }
}
