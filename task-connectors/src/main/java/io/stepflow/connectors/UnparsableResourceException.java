package io.stepflow.connectors;

/** A Task state's {@code Resource} is not an ARN that Stepflow knows how to run. */
public class UnparsableResourceException extends ConnectorException {

  private final String resource;

  UnparsableResourceException(String resource, String expected) {
    super("Expected " + expected + ", but found the Task Resource \"" + resource + "\"");
    this.resource = resource;
  }

  /** The Resource text as it appeared in the state machine definition. */
  public String resource() {
    return resource;
  }
}
