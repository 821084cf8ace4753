package io.stepflow.service.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** What {@link FreshPostgresDatabase} does to each application context that a test class starts. */
final class FreshPostgresDatabaseCustomizer implements ContextCustomizerFactory, ContextCustomizer {

  private static final String NAME = "freshPostgresDatabase";

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return this;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    if (!(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry beans)) {
      throw new IllegalStateException(
          "Expected a context whose bean factory destroys registered beans, but found "
              + context.getBeanFactory().getClass().getName());
    }
    PostgresDatabase database = PostgresDatabase.create();
    Map<String, Object> properties = new LinkedHashMap<>();
    database.register((name, value) -> properties.put(name, value.get()));
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(NAME, properties));
    // Registered before every bean of the context, so destroyed after all of them.
    beans.registerDisposableBean(NAME, database::drop);
  }

  /** Every context gets a database of its own, so customizers do not tell contexts apart. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FreshPostgresDatabaseCustomizer;
  }

  @Override
  public int hashCode() {
    return FreshPostgresDatabaseCustomizer.class.hashCode();
  }
}
