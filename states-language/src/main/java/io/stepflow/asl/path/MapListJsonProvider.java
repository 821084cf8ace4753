package io.stepflow.asl.path;

import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** Lets Jayway json-path walk the plain Java JSON model of {@link Json}: Map, List and scalars. */
final class MapListJsonProvider extends AbstractJsonProvider {

  static final MapListJsonProvider INSTANCE = new MapListJsonProvider();

  private MapListJsonProvider() {}

  @Override
  public Object parse(String json) {
    try {
      return Json.parse(json);
    } catch (Json.InvalidJsonException e) {
      throw new InvalidJsonException(e.getMessage(), e);
    }
  }

  @Override
  public Object parse(InputStream jsonStream, String charset) {
    try {
      return parse(new String(jsonStream.readAllBytes(), charset));
    } catch (IOException e) {
      throw new InvalidJsonException("Expected readable JSON input, but reading failed", e);
    }
  }

  @Override
  public String toJson(Object obj) {
    return Json.write(obj);
  }

  @Override
  public Object createArray() {
    return new ArrayList<>();
  }

  @Override
  public Object createMap() {
    return new LinkedHashMap<String, Object>();
  }
}
