package io.stepflow.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Stepflow orchestrator: the AWS-compatible API, the REST API and the dashboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StepflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(StepflowApplication.class, args);
  }
}
