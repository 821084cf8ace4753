package io.stepflow.service.timer;

import java.sql.DatabaseMetaData;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Turns Spring Boot's Quartz scheduler (JDBC job store on the application's DataSource, see {@code
 * spring.quartz.*} in application.yml) into the clustered timer store: the cluster settings, the
 * driver delegate for the database and {@link TimerSettings}. With another job store (say {@code
 * spring.quartz.job-store-type=memory}) it stays out of the way, and timers last as long as the
 * process.
 */
@Configuration(proxyBeanMethods = false)
class QuartzTimerConfiguration {

  @Bean
  @Order(1)
  @ConditionalOnProperty(name = "spring.quartz.job-store-type", havingValue = "jdbc")
  SchedulerFactoryBeanCustomizer timerSchedulerCustomizer(
      QuartzProperties quartz, TimerSettings settings, DataSource dataSource) {
    Properties properties = quartzProperties(settings, delegateFor(productName(dataSource)));
    // An operator's spring.quartz.properties.* overrides what is derived here.
    properties.putAll(quartz.getProperties());
    return factory -> factory.setQuartzProperties(properties);
  }

  static Properties quartzProperties(TimerSettings settings, Class<?> delegate) {
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    properties.setProperty(
        "org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWait().toMillis()));
    properties.setProperty("org.quartz.jobStore.isClustered", "true");
    properties.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckinInterval().toMillis()));
    properties.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(settings.misfireThreshold().toMillis()));
    properties.setProperty("org.quartz.jobStore.driverDelegateClass", delegate.getName());
    properties.setProperty(
        "org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
    // Timers are stored in the transaction of the transition that sets them: taking the
    // cluster-wide TRIGGER_ACCESS lock there would hold it until that transaction commits, so
    // every transition setting a timer would wait for all the others.
    properties.setProperty("org.quartz.jobStore.lockOnInsert", "false");
    properties.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
        Integer.toString(settings.batchSize()));
    // Quartz requires this for batches above one on a JDBC store.
    properties.setProperty(
        "org.quartz.jobStore.acquireTriggersWithinLock",
        Boolean.toString(settings.batchSize() > 1));
    properties.setProperty("org.quartz.jobStore.maxMisfiresToHandleAtATime", "100");
    return properties;
  }

  /** PostgreSQL stores Quartz's blobs as BYTEA, which only its own delegate reads. */
  static Class<?> delegateFor(String databaseProductName) {
    return "PostgreSQL".equalsIgnoreCase(databaseProductName)
        ? PostgreSQLDelegate.class
        : StdJDBCDelegate.class;
  }

  private static String productName(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(
          dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException(
          "Expected to read the database's product name to choose Quartz's driver delegate, but: "
              + e.getMessage(),
          e);
    }
  }
}
