package io.stepflow.service.execution;

import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.model.StateMachineParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Parsed definitions by their text: executions of one machine share one model. Definitions were
 * validated when they were stored, so they are only parsed here.
 */
@Component
class DefinitionCache {

  private static final int CAPACITY = 1024;

  private final Map<String, StateMachine> models =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StateMachine> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized StateMachine get(String definition) {
    return models.computeIfAbsent(definition, StateMachineParser::parse);
  }
}
