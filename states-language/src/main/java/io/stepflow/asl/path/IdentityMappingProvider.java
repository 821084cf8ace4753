package io.stepflow.asl.path;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.mapper.MappingException;
import com.jayway.jsonpath.spi.mapper.MappingProvider;

/** Values are already plain Java; this only checks that the requested type fits. */
final class IdentityMappingProvider implements MappingProvider {

  static final IdentityMappingProvider INSTANCE = new IdentityMappingProvider();

  private IdentityMappingProvider() {}

  @Override
  public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
    if (source == null || targetType.isInstance(source)) {
      return targetType.cast(source);
    }
    throw new MappingException(
        "Expected a value of type "
            + targetType.getSimpleName()
            + ", but found "
            + source.getClass().getSimpleName());
  }

  @Override
  public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
    throw new UnsupportedOperationException("Expected no TypeRef mapping; read values untyped");
  }
}
