package io.stepflow.service;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings that apply to the whole service, under {@code stepflow.*}.
 *
 * @param dataDir the folder for the embedded database and any other files the service keeps;
 *     created at start-up when missing. Default {@code ./data}.
 */
@ConfigurationProperties("stepflow")
public record StepflowProperties(@DefaultValue("./data") Path dataDir) {}
