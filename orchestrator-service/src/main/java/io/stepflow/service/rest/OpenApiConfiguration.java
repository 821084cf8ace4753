package io.stepflow.service.rest;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The OpenAPI document of the REST API at {@code /v3/api-docs}. Only {@code /api/v1/**} is in it
 * (not the AWS-compatible {@code POST /}): springdoc.paths-to-match in openapi.properties, which
 * application properties may override.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:io/stepflow/service/rest/openapi.properties")
class OpenApiConfiguration {

  @Bean
  OpenAPI stepflowRestApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Stepflow REST API")
                .version("v1")
                .description(
                    "State machines, executions, activities and task callbacks for teams and the"
                        + " dashboard. Errors are RFC 9457 problem details with a code."));
  }
}
