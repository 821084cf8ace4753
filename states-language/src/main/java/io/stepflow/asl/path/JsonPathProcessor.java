package io.stepflow.asl.path;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.intrinsic.IntrinsicFunctions;
import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input and output processing of the JSONPath query language: InputPath, payload templates
 * (Parameters, ItemSelector, ResultSelector, Assign), ResultPath and OutputPath.
 *
 * <p>The causes of the errors raised here are the part AWS writes after {@code An error occurred
 * while executing the state '<name>' (entered at the event id #<n>). }; the engine adds that
 * prefix, as it alone knows the state and the event.
 */
public final class JsonPathProcessor {

  private static final String PATH_SUFFIX = ".$";

  private JsonPathProcessor() {}

  /**
   * Applies InputPath.
   *
   * @param path the InputPath; {@code "$"} when the field is absent, null when it was JSON null
   * @param scope the raw state input as {@code $}, with the context object and variables
   * @return the effective input: {@code {}} for a null path, otherwise the value at the path
   * @throws StatesError {@code States.Runtime} when the path matches nothing
   */
  public static Object inputPath(String path, Scope scope) {
    if (path == null) {
      return new LinkedHashMap<String, Object>();
    }
    if ("$".equals(path)) {
      return scope.input(); // values are never changed in place, so the whole input needs no copy
    }
    return switch (PathResolver.resolve(path, scope)) {
      case Lookup.Found found -> Json.deepCopy(found.value());
      case Lookup.Missing missing ->
          throw new StatesError(
              ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + missing.reason());
    };
  }

  /**
   * Applies OutputPath, with the same rules as {@link #inputPath}, to the state's output.
   *
   * @param path the OutputPath; {@code "$"} when the field is absent, null when it was JSON null
   * @param output the state output after ResultPath, read as {@code $}
   * @param scope gives the context object ({@code $$}) and the variables ({@code $name})
   */
  public static Object outputPath(String path, Object output, Scope scope) {
    return inputPath(path, scope.withInput(output));
  }

  /**
   * Evaluates a payload template: Parameters, ItemSelector, ResultSelector, or Assign in JSONPath.
   * A key ending in {@code .$} takes the value of a path ({@code $...}, {@code $$...}, {@code
   * $name...}) or of an intrinsic function call ({@code States.X(...)}) and loses its suffix;
   * nested objects and arrays are walked; every other value is copied as it is.
   *
   * @param template the template as written in the definition
   * @param scope what paths in the template read
   * @param fieldName the field holding the template, for example {@code Parameters}
   * @return a new value; the template is left unchanged
   * @throws StatesError {@code States.Runtime} when a path matches nothing, or what the intrinsic
   *     function raises
   */
  public static Object payloadTemplate(Object template, Scope scope, String fieldName) {
    if (template instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (key.endsWith(PATH_SUFFIX)) {
          String name = key.substring(0, key.length() - PATH_SUFFIX.length());
          out.put(name, evaluateField(key, entry.getValue(), scope, fieldName));
        } else {
          out.put(key, payloadTemplate(entry.getValue(), scope, fieldName));
        }
      }
      return out;
    }
    if (template instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(payloadTemplate(item, scope, fieldName));
      }
      return out;
    }
    return template;
  }

  /**
   * Applies ResultPath: places the state's result into its raw input.
   *
   * @param stateInput the raw state input (before InputPath); left unchanged
   * @param resultPath {@code "$"} when absent (the result replaces the input); null when it was
   *     JSON null (the result is discarded and the input kept); else a reference path such as
   *     {@code $.a.b}, whose missing objects are created
   * @param result the state's result
   * @throws StatesError {@code States.ResultPathMatchFailure} when the path cannot be applied to
   *     the input, for example because it leads through a string
   */
  public static Object resultPath(Object stateInput, String resultPath, Object result) {
    if (resultPath == null) {
      return stateInput;
    }
    ReferencePath path;
    try {
      path = ReferencePath.parse(resultPath);
    } catch (IllegalArgumentException e) {
      throw new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE, e.getMessage());
    }
    return path.write(stateInput, Json.deepCopy(result));
  }

  private static Object evaluateField(String key, Object expression, Scope scope, String field) {
    if (!(expression instanceof String text)) {
      throw new StatesError(
          ErrorNames.RUNTIME,
          "The value for the field '"
              + key
              + "' in "
              + field
              + " must be a string holding a JSONPath or an intrinsic function call, but found "
              + Json.typeName(expression));
    }
    if (IntrinsicFunctions.isIntrinsic(text)) {
      return IntrinsicFunctions.evaluate(text, scope, scope.random());
    }
    if (!text.startsWith("$")) {
      throw new StatesError(
          ErrorNames.RUNTIME,
          "The value for the field '"
              + key
              + "' must be a valid JSONPath or a valid intrinsic function call, but found '"
              + text
              + "'");
    }
    return switch (PathResolver.resolve(text, scope)) {
      case Lookup.Found found -> Json.deepCopy(found.value());
      case Lookup.Missing missing ->
          throw new StatesError(
              ErrorNames.RUNTIME,
              "The JSONPath '"
                  + text
                  + "' specified for the field '"
                  + key
                  + "' could not be found in the input '"
                  + Json.write(scope.input())
                  + "'");
    };
  }
}
