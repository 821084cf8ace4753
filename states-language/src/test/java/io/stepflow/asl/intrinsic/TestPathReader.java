package io.stepflow.asl.intrinsic;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.path.PathReader;
import java.util.Map;

/**
 * A test-only reader of reference paths over plain Java JSON values: {@code $...} reads the input,
 * {@code $$...} the context object and {@code $name...} a variable. It uses Jayway json-path and is
 * not the engine's reader.
 */
final class TestPathReader implements PathReader {

  private static final Configuration CONFIG = Configuration.defaultConfiguration();

  private final Object input;
  private final Object context;
  private final Map<String, Object> variables;

  TestPathReader(Object input, Object context, Map<String, Object> variables) {
    this.input = input;
    this.context = context;
    this.variables = variables;
  }

  static TestPathReader over(Object input) {
    return new TestPathReader(input, Map.of(), Map.of());
  }

  @Override
  public Object read(String path) {
    if (path.startsWith("$$")) {
      return query(context, path.substring(1), path);
    }
    if (path.equals("$") || path.startsWith("$.") || path.startsWith("$[")) {
      return query(input, path, path);
    }
    int end = 1;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    String name = path.substring(1, end);
    if (!variables.containsKey(name)) {
      throw new StatesError(
          "States.Runtime",
          "The variable '" + name + "' of the path '" + path + "' is not defined");
    }
    return query(variables.get(name), "$" + path.substring(end), path);
  }

  private static Object query(Object document, String jsonPath, String original) {
    if (jsonPath.equals("$")) {
      return document;
    }
    try {
      return JsonPath.using(CONFIG).parse(document).read(jsonPath);
    } catch (PathNotFoundException e) {
      throw new StatesError(
          "States.Runtime",
          "The JSONPath '" + original + "' could not be found in '" + Json.write(document) + "'");
    }
  }
}
