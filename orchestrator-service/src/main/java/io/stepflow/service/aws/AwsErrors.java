package io.stepflow.service.aws;

import io.stepflow.asl.json.Json;
import java.util.Map;
import org.springframework.http.MediaType;

/** AWS JSON 1.0's error body: {@code {"__type": "<namespace>#<Code>", "message": "..."}}. */
public final class AwsErrors {

  /** The content type of every AWS JSON 1.0 response. */
  public static final MediaType AMZ_JSON = MediaType.parseMediaType("application/x-amz-json-1.0");

  private static final String NAMESPACE = "com.amazonaws.swf.service.v2.model#";

  private AwsErrors() {}

  public static String body(String code, String message) {
    return Json.write(Map.of("__type", NAMESPACE + code, "message", message));
  }
}
