package io.stepflow.service.statemachine;

import io.stepflow.service.StepflowException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** An alias's routingConfiguration: read and checked from a request, and drawn from. */
final class Routing {

  private Routing() {}

  /**
   * Reads routingConfiguration: one or two distinct versions, whole weights from 0 to 100 that add
   * up to 100. Throws ValidationException otherwise.
   */
  static List<Route> read(List<Map<String, Object>> items) {
    if (items.isEmpty() || items.size() > 2) {
      throw Errors.validation(
          "Expected routingConfiguration to list 1 or 2 versions, but found " + items.size());
    }
    List<Route> routes = new ArrayList<>();
    var seen = new HashSet<String>();
    int total = 0;
    for (Map<String, Object> item : items) {
      Object arn = item.get("stateMachineVersionArn");
      if (!(arn instanceof String versionArn) || versionArn.isEmpty()) {
        throw StepflowException.invalid(
            "routingConfiguration[].stateMachineVersionArn", "a version ARN", arn);
      }
      Object weight = item.get("weight");
      if (!(weight instanceof Number n)
          || n.doubleValue() != n.intValue()
          || n.intValue() < 0
          || n.intValue() > 100) {
        throw StepflowException.invalid(
            "routingConfiguration[].weight", "a whole number from 0 to 100", weight);
      }
      if (!seen.add(versionArn)) {
        throw Errors.validation(
            "Expected routingConfiguration to name each version once, but found "
                + versionArn
                + " twice");
      }
      total += n.intValue();
      routes.add(new Route(versionArn, n.intValue()));
    }
    if (total != 100) {
      throw Errors.validation(
          "Expected the weights of routingConfiguration to add up to 100, but found " + total);
    }
    return List.copyOf(routes);
  }

  /** Draws a version: each with the probability of its weight in percent. */
  static Route pick(List<Route> routes, RandomGenerator random) {
    int draw = random.nextInt(100);
    for (Route route : routes) {
      draw -= route.weight();
      if (draw < 0) {
        return route;
      }
    }
    return routes.getLast();
  }
}
