package io.stepflow.asl.validate;

import java.util.Optional;

/** A Task state's Resource (checked by the caller's {@link ResourceCheck}) and time limits. */
final class TaskRules {

  private TaskRules() {}

  static void check(StateSite site) {
    Object resource = site.get("Resource");
    if (!(resource instanceof String text) || text.isBlank()) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.has("Resource") ? site.at("Resource") : site.location(),
              "Expected Resource to be a non-empty string (an ARN), but found "
                  + (site.has("Resource") ? Values.describe(resource) : "no Resource"));
    } else {
      Optional<String> problem = site.scope().resources.problem(text);
      problem.ifPresent(
          why ->
              site.report()
                  .error(
                      Codes.INVALID_RESOURCE,
                      site.at("Resource"),
                      "Expected a Resource this runtime can call, but found '"
                          + text
                          + "': "
                          + why));
    }
    boolean expressions = site.jsonata();
    NumberRules.integerAtLeast(
        site.state(), site.location(), "TimeoutSeconds", 1, expressions, site.report());
    NumberRules.integerAtLeast(
        site.state(), site.location(), "HeartbeatSeconds", 1, expressions, site.report());
    Object timeout = site.get("TimeoutSeconds");
    Object heartbeat = site.get("HeartbeatSeconds");
    if (Values.isInteger(timeout)
        && Values.isInteger(heartbeat)
        && Values.asLong(heartbeat) >= Values.asLong(timeout)) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("HeartbeatSeconds"),
              "Expected HeartbeatSeconds to be less than TimeoutSeconds ("
                  + timeout
                  + "), but found "
                  + heartbeat);
    }
    if (site.has("Credentials") && !Values.isObject(site.get("Credentials"))) {
      site.report()
          .error(
              Codes.SCHEMA_VALIDATION_FAILED,
              site.at("Credentials"),
              "Expected Credentials to be an object, but found "
                  + Values.describe(site.get("Credentials")));
    }
  }
}
