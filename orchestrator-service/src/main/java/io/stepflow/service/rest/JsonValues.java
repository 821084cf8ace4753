package io.stepflow.service.rest;

import io.stepflow.asl.json.Json;
import io.stepflow.service.StepflowException;
import tools.jackson.databind.JsonNode;

/** JSON documents (definitions, inputs, outputs) as embedded JSON values rather than strings. */
final class JsonValues {

  private JsonValues() {}

  /** Stored JSON text as a value to embed in a response; null stays null. */
  static Object embed(String text) {
    return text == null ? null : Json.parse(text);
  }

  /** A request's JSON value as the text the services take; absent stays null. */
  static String text(JsonNode value) {
    return value == null ? null : value.toString();
  }

  /** A request's JSON value that must be an object, as text. */
  static String requireObject(JsonNode value, String field) {
    if (value == null || !value.isObject()) {
      throw StepflowException.invalid(
          field, "a JSON object", value == null ? null : value.getNodeType().name().toLowerCase());
    }
    return value.toString();
  }
}
