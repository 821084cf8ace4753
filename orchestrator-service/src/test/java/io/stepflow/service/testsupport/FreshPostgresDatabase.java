package io.stepflow.service.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs the test's application context on a {@link PostgresDatabase} of its own: created when the
 * context starts, {@code spring.datasource.*} pointed at it, and dropped once the context has
 * closed, so after its connection pool and the Quartz scheduler have stopped. Tests that share a
 * context share its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(FreshPostgresDatabaseCustomizer.class)
public @interface FreshPostgresDatabase {}
