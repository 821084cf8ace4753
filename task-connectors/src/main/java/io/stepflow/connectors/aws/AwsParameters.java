package io.stepflow.connectors.aws;

import io.stepflow.asl.json.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Reads a Task's Parameters in the shapes AWS's APIs give them. Each method throws {@link
 * IllegalArgumentException} with a message that names the parameter and says what was expected.
 */
public final class AwsParameters {

  /**
   * One message attribute, {@code {DataType, StringValue | BinaryValue}}, as SQS and SNS take them.
   *
   * @param dataType {@code String}, {@code Number}, {@code Binary} or a custom type
   * @param stringValue the value for a string or number type; null for a binary one
   * @param binaryValue the decoded value for a binary type; null otherwise
   */
  public record MessageAttribute(String dataType, String stringValue, SdkBytes binaryValue) {}

  private AwsParameters() {}

  /** Refuses a parameter that is not one of {@code known}, the parameters of {@code action}. */
  public static void requireOnly(Map<?, ?> parameters, Set<String> known, String action) {
    for (Object name : parameters.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "Expected only the "
                + action
                + " parameters "
                + known.stream().sorted().toList()
                + ", but found "
                + name);
      }
    }
  }

  /** The parameter {@code name} as a text; null when it is absent. */
  public static String text(Map<?, ?> parameters, String name) {
    Object value = parameters.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(
          "Expected " + name + " to be a text, but found " + Json.write(value));
    }
    return text;
  }

  /** A message body: a text as is, any other JSON value as its JSON text, as AWS sends them. */
  public static String body(Object value) {
    return value instanceof String text ? text : Json.write(value);
  }

  /**
   * {@code MessageAttributes}: {@code {name: {DataType, StringValue | BinaryValue}}}, the binary
   * value in base64, in the order given, each made into the SDK's type by {@code as}.
   */
  public static <T> Map<String, T> messageAttributes(
      Object value, Function<MessageAttribute, T> as) {
    if (!(value instanceof Map<?, ?> named)) {
      throw new IllegalArgumentException(
          "Expected MessageAttributes to be an object of {DataType, StringValue | BinaryValue}");
    }
    Map<String, T> attributes = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : named.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> a) || !(a.get("DataType") instanceof String type)) {
        throw new IllegalArgumentException(
            "Expected message attribute " + name + " to be an object with a DataType text");
      }
      Object string = a.get("StringValue");
      Object binary = a.get("BinaryValue");
      if (string != null) {
        attributes.put(name, as.apply(new MessageAttribute(type, body(string), null)));
      } else if (binary instanceof String base64) {
        try {
          SdkBytes bytes = SdkBytes.fromByteArray(Base64.getDecoder().decode(base64));
          attributes.put(name, as.apply(new MessageAttribute(type, null, bytes)));
        } catch (IllegalArgumentException notBase64) {
          throw new IllegalArgumentException(
              "Expected the BinaryValue of message attribute " + name + " in base64");
        }
      } else {
        throw new IllegalArgumentException(
            "Expected message attribute " + name + " to have a StringValue or a BinaryValue");
      }
    }
    return attributes;
  }
}
