package io.stepflow.connectors;

/** The root of every exception the task-connectors module throws. */
public class ConnectorException extends RuntimeException {

  public ConnectorException(String message) {
    super(message);
  }

  public ConnectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
