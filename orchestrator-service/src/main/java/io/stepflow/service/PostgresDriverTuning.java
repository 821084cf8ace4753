package io.stepflow.service;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Driver settings for PostgreSQL that the service's write pattern needs: {@code
 * reWriteBatchedInserts}, so that a transition's history events go to the server as one multi-row
 * INSERT instead of one statement each. Applied to the connection pool before it opens its first
 * connection, and only when the pool's URL is PostgreSQL's (the embedded H2 has no such setting);
 * an operator's own {@code spring.datasource.hikari.data-source-properties.reWriteBatchedInserts}
 * wins.
 */
@Configuration(proxyBeanMethods = false)
class PostgresDriverTuning {

  static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

  @Bean
  static BeanPostProcessor postgresBatchRewrite() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
          tune(pool);
        }
        return bean;
      }
    };
  }

  static void tune(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    if (url != null
        && url.startsWith("jdbc:postgresql:")
        && !pool.getDataSourceProperties().containsKey(REWRITE_BATCHED_INSERTS)
        && !url.contains(REWRITE_BATCHED_INSERTS)) {
      pool.addDataSourceProperty(REWRITE_BATCHED_INSERTS, "true");
    }
  }
}
