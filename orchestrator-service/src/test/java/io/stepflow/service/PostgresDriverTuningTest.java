package io.stepflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresDriverTuningTest {

  @Test
  void shouldRewriteBatchedInsertsWhenThePoolIsPostgres() {
    // given a pool on PostgreSQL
    HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/stepflow");

    // when it is tuned
    PostgresDriverTuning.tune(pool);

    // then the driver sends a batch of INSERTs as one multi-row statement
    assertThat(pool.getDataSourceProperties())
        .containsEntry(PostgresDriverTuning.REWRITE_BATCHED_INSERTS, "true");
  }

  @Test
  void shouldLeaveTheEmbeddedDatabaseAlone() {
    // given the embedded H2 pool
    HikariDataSource pool = pool("jdbc:h2:file:/tmp/stepflow;MODE=PostgreSQL");

    // when it is tuned
    PostgresDriverTuning.tune(pool);

    // then it gets no PostgreSQL setting, which H2 would refuse
    assertThat(pool.getDataSourceProperties()).isEmpty();
  }

  @Test
  void shouldKeepTheOperatorsOwnSetting() {
    // given an operator who turned the rewrite off
    HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/stepflow");
    pool.addDataSourceProperty(PostgresDriverTuning.REWRITE_BATCHED_INSERTS, "false");

    // when it is tuned
    PostgresDriverTuning.tune(pool);

    // then the operator's choice stands
    assertThat(pool.getDataSourceProperties())
        .containsEntry(PostgresDriverTuning.REWRITE_BATCHED_INSERTS, "false");
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
