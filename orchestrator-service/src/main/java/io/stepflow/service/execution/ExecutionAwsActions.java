package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.HistoryEvent;
import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The execution actions of the AWS Step Functions API. */
@Configuration(proxyBeanMethods = false)
class ExecutionAwsActions {

  private static final Set<String> JSON_DETAILS = Set.of("input", "output", "parameters");
  private static final Set<String> DATA_DETAILS =
      Set.of("input", "output", "inputDetails", "outputDetails");

  @Bean
  AwsAction startExecution(ExecutionService executions) {
    return AwsAction.of(
        "StartExecution",
        r -> {
          ExecutionRecord e =
              executions.start(
                  r.requiredString("stateMachineArn"),
                  r.optionalString("name"),
                  r.optionalString("input"));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("executionArn", e.arn());
          out.put("startDate", AwsTime.of(e.startDate()));
          return out;
        });
  }

  /**
   * StartSyncExecution, for EXPRESS machines: answers when the execution has ended, within AWS's
   * five minutes for express executions; one still running then is answered TIMED_OUT (the
   * response's status has no RUNNING) and goes on, visible through DescribeExecution.
   */
  @Bean
  AwsAction startSyncExecution(ExecutionService executions) {
    return AwsAction.of(
        "StartSyncExecution",
        r -> {
          ExecutionRecord e =
              executions.startSync(
                  r.requiredString("stateMachineArn"),
                  r.optionalString("name"),
                  r.optionalString("input"),
                  java.time.Duration.ofMinutes(5));
          // DescribeExecution's fields, less the redrive ones, with AWS's sync-only differences
          Map<String, Object> out = describe(e);
          out.keySet().removeAll(Set.of("redriveCount", "redriveStatus"));
          out.put("stopDate", AwsTime.of(e.stopDate() == null ? e.startDate() : e.stopDate()));
          out.put("status", "RUNNING".equals(e.status()) ? "TIMED_OUT" : e.status());
          long millis =
              java.time.Duration.between(
                      e.startDate(), e.stopDate() == null ? e.startDate() : e.stopDate())
                  .toMillis();
          out.put(
              "billingDetails",
              Map.of(
                  "billedMemoryUsedInMB",
                  64,
                  "billedDurationInMilliseconds",
                  Math.max(100, millis)));
          return out;
        });
  }

  @Bean
  AwsAction describeExecution(ExecutionService executions) {
    return AwsAction.of(
        "DescribeExecution", r -> describe(executions.describe(r.requiredString("executionArn"))));
  }

  @Bean
  AwsAction listExecutions(ExecutionService executions) {
    return AwsAction.of(
        "ListExecutions",
        r -> {
          String machine = r.optionalString("stateMachineArn");
          String mapRun = r.optionalString("mapRunArn");
          if (machine == null && mapRun == null) {
            throw io.stepflow.service.StepflowException.invalid(
                "stateMachineArn", "a state machine ARN", null);
          }
          String versionOrAlias = machine != null && machine.split(":").length > 7 ? machine : null;
          String base =
              versionOrAlias == null ? machine : machine.substring(0, machine.lastIndexOf(':'));
          ExecutionService.Page page =
              executions.list(
                  new ExecutionQuery(
                      base,
                      versionOrAlias,
                      r.optionalString("statusFilter"),
                      null,
                      null,
                      null,
                      null),
                  r.optionalInt("maxResults", 100, 0, 1000) == 0
                      ? 100
                      : r.optionalInt("maxResults", 100, 0, 1000),
                  r.optionalString("nextToken"));
          List<Map<String, Object>> items = new ArrayList<>();
          for (ExecutionRecord e : page.executions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("executionArn", e.arn());
            item.put("stateMachineArn", e.stateMachineArn());
            item.put("name", e.name());
            item.put("status", e.status());
            item.put("startDate", AwsTime.of(e.startDate()));
            putIfSet(item, "stopDate", AwsTime.of(e.stopDate()));
            putIfSet(item, "stateMachineVersionArn", e.versionArn());
            putIfSet(item, "stateMachineAliasArn", e.aliasArn());
            items.add(item);
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("executions", items);
          putIfSet(out, "nextToken", page.nextToken());
          return out;
        });
  }

  @Bean
  AwsAction stopExecution(ExecutionService executions) {
    return AwsAction.of(
        "StopExecution",
        r -> {
          Instant stopped =
              executions.stop(
                  r.requiredString("executionArn"),
                  r.optionalString("error"),
                  r.optionalString("cause"));
          return Map.of("stopDate", AwsTime.of(stopped));
        });
  }

  @Bean
  AwsAction redriveExecution(ExecutionService executions) {
    return AwsAction.of(
        "RedriveExecution",
        r ->
            Map.of(
                "redriveDate", AwsTime.of(executions.redrive(r.requiredString("executionArn")))));
  }

  @Bean
  AwsAction getExecutionHistory(ExecutionService executions) {
    return AwsAction.of(
        "GetExecutionHistory",
        r -> {
          List<HistoryView.Event> events =
              new ArrayList<>(executions.history(r.requiredString("executionArn")));
          if (r.optionalBoolean("reverseOrder", false)) {
            java.util.Collections.reverse(events);
          }
          boolean data = r.optionalBoolean("includeExecutionData", true);
          int max = r.optionalInt("maxResults", 100, 0, 1000);
          int size = max == 0 ? 100 : max;
          int from =
              r.optionalString("nextToken") == null
                  ? 0
                  : Integer.parseInt(PageTokens.read(r.optionalString("nextToken")));
          int to = Math.min(events.size(), from + size);
          List<Map<String, Object>> shown = new ArrayList<>();
          for (HistoryView.Event e : events.subList(Math.min(from, to), to)) {
            shown.add(event(e, data));
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("events", shown);
          if (to < events.size()) {
            out.put("nextToken", PageTokens.write(Integer.toString(to)));
          }
          return out;
        });
  }

  @Bean
  AwsAction describeStateMachineForExecution(ExecutionService executions) {
    return AwsAction.of(
        "DescribeStateMachineForExecution",
        r -> {
          ExecutionRecord e = executions.describe(r.requiredString("executionArn"));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("stateMachineArn", e.stateMachineArn());
          out.put("name", e.stateMachineArn().substring(e.stateMachineArn().lastIndexOf(':') + 1));
          out.put("definition", e.definition());
          out.put("roleArn", e.roleArn());
          out.put("updateDate", AwsTime.of(e.startDate()));
          putIfSet(out, "stateMachineVersionArn", e.versionArn());
          putIfSet(out, "stateMachineAliasArn", e.aliasArn());
          return out;
        });
  }

  static Map<String, Object> describe(ExecutionRecord e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachineArn());
    out.put("name", e.name());
    out.put("status", e.status());
    out.put("startDate", AwsTime.of(e.startDate()));
    putIfSet(out, "stopDate", AwsTime.of(e.stopDate()));
    out.put("input", e.input());
    out.put("inputDetails", Map.of("included", true));
    if (e.output() != null) {
      out.put("output", e.output());
      out.put("outputDetails", Map.of("included", true));
    }
    putIfSet(out, "error", e.error());
    putIfSet(out, "cause", e.cause());
    putIfSet(out, "stateMachineVersionArn", e.versionArn());
    putIfSet(out, "stateMachineAliasArn", e.aliasArn());
    out.put("redriveCount", e.redriveCount());
    out.put(
        "redriveStatus",
        ExecutionService.REDRIVABLE.contains(e.status()) ? "REDRIVABLE" : "NOT_REDRIVABLE");
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> event(HistoryView.Event view, boolean includeData) {
    HistoryEvent e = view.event();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timestamp", AwsTime.of(e.timestamp()));
    out.put("type", e.type());
    out.put("id", view.id());
    out.put("previousEventId", view.previousEventId());
    String field = e.detailsField();
    if (field != null && !e.details().isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      for (Map.Entry<String, Object> d : e.details().entrySet()) {
        if (!includeData && DATA_DETAILS.contains(d.getKey())) {
          continue;
        }
        details.put(
            d.getKey(),
            JSON_DETAILS.contains(d.getKey()) ? Json.write(d.getValue()) : d.getValue());
      }
      out.put(field, details);
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
