package io.stepflow.asl.model;

/** The language a state's expressions are written in. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String text;

  QueryLanguage(String text) {
    this.text = text;
  }

  /** The name as written in a definition. */
  public String text() {
    return text;
  }
}
