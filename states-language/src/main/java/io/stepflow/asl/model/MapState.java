package io.stepflow.asl.model;

import java.util.Map;

/**
 * A Map state: runs {@code processor} once per item.
 *
 * @param processor the ItemProcessor (or the older Iterator)
 * @param distributed true when ProcessorConfig.Mode is DISTRIBUTED
 * @param itemsPath ItemsPath ("$" when absent)
 * @param items Items (JSONata), or null
 * @param itemSelector ItemSelector (or the older Parameters), or null
 * @param maxConcurrency MaxConcurrency (number or JSONata), or null
 * @param maxConcurrencyPath MaxConcurrencyPath, or null
 * @param toleratedFailureCount ToleratedFailureCount, or null
 * @param toleratedFailureCountPath ToleratedFailureCountPath, or null
 * @param toleratedFailurePercentage ToleratedFailurePercentage, or null
 * @param toleratedFailurePercentagePath ToleratedFailurePercentagePath, or null
 * @param itemReader ItemReader, or null
 * @param itemBatcher ItemBatcher, or null
 * @param resultWriter ResultWriter, or null
 * @param label Label, or null
 */
public record MapState(
    Common common,
    StateMachine processor,
    boolean distributed,
    String itemsPath,
    Object items,
    Object itemSelector,
    Object maxConcurrency,
    String maxConcurrencyPath,
    Object toleratedFailureCount,
    String toleratedFailureCountPath,
    Object toleratedFailurePercentage,
    String toleratedFailurePercentagePath,
    Map<String, Object> itemReader,
    Map<String, Object> itemBatcher,
    Object resultWriter,
    String label)
    implements State {
  @Override
  public String type() {
    return "Map";
  }
}
