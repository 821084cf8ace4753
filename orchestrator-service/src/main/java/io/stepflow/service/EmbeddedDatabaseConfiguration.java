package io.stepflow.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup store: H2 in its PostgreSQL mode, in a file under {@code stepflow.data-dir}. It
 * steps aside as soon as {@code spring.datasource.url} names another database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean
  DataSource dataSource(StepflowProperties properties) {
    Path dir = properties.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Expected stepflow.data-dir to be a folder the service can create and write, but "
              + dir
              + " could not be created",
          e);
    }
    String url =
        "jdbc:h2:file:"
            + dir.resolve("stepflow")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    log.info("Using the embedded database in {} (set spring.datasource.url for PostgreSQL)", dir);
    DataSource dataSource = DataSourceBuilder.create().url(url).username("sa").password("").build();
    if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
      hikari.setMaximumPoolSize(40); // as spring.datasource.hikari.maximum-pool-size for PostgreSQL
    }
    return dataSource;
  }
}
