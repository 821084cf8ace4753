package io.stepflow.asl.path;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads paths of the JSONPath query language with Jayway json-path, so that definite paths yield
 * one value and indefinite ones (wildcard, slice, filter, deep scan) a list, as AWS does.
 */
final class PathResolver {

  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(MapListJsonProvider.INSTANCE)
          .mappingProvider(IdentityMappingProvider.INSTANCE)
          .build();

  private static final int CACHE_LIMIT = 2048;
  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  private PathResolver() {}

  /** Reads {@code path} ($..., $$..., $name...) from the scope. */
  static Lookup resolve(String path, Scope scope) {
    if (path == null || !path.startsWith("$")) {
      return new Lookup.Missing("Expected a path starting with '$', but found: " + path);
    }
    if (path.startsWith("$$")) {
      return evaluate("$" + path.substring(2), scope.context());
    }
    int end = variableNameEnd(path);
    if (end == 1) {
      return evaluate(path, scope.input());
    }
    String name = path.substring(1, end);
    Map<String, Object> variables = scope.variables();
    if (variables == null || !variables.containsKey(name)) {
      return new Lookup.Missing("No variable named '" + name + "' has been assigned");
    }
    return evaluate("$" + path.substring(end), variables.get(name));
  }

  /** Reads a Jayway path (starting with {@code $}) from a document. */
  static Lookup evaluate(String jaywayPath, Object document) {
    JsonPath compiled;
    try {
      compiled = compile(jaywayPath);
    } catch (InvalidPathException e) {
      return new Lookup.Missing(e.getMessage());
    }
    try {
      if (document == null) {
        return compiled.getPath().equals("$")
            ? new Lookup.Found(null)
            : new Lookup.Missing("No results for path: " + compiled.getPath());
      }
      return new Lookup.Found(compiled.read(document, CONFIGURATION));
    } catch (PathNotFoundException e) {
      // AWS: a wildcard, slice or filter that finds nothing gives an empty list, not a failure
      return compiled.isDefinite()
          ? new Lookup.Missing(e.getMessage())
          : new Lookup.Found(new ArrayList<>());
    } catch (InvalidPathException e) {
      return new Lookup.Missing(e.getMessage());
    } catch (JsonPathException | IllegalArgumentException e) {
      return new Lookup.Missing(String.valueOf(e.getMessage()));
    }
  }

  /** True when the path can only ever select one value (no wildcard, slice, filter, scan). */
  static boolean isDefinite(String jaywayPath) {
    try {
      return compile(jaywayPath).isDefinite();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static JsonPath compile(String jaywayPath) {
    JsonPath compiled = COMPILED.get(jaywayPath);
    if (compiled == null) {
      compiled = JsonPath.compile(LegacyEscapes.rewrite(jaywayPath));
      if (COMPILED.size() >= CACHE_LIMIT) {
        COMPILED.clear();
      }
      COMPILED.put(jaywayPath, compiled);
    }
    return compiled;
  }

  /** Index just past a variable name in {@code $name.rest}; 1 when the path reads the input. */
  private static int variableNameEnd(String path) {
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '_' || Character.isLetterOrDigit(c)) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
