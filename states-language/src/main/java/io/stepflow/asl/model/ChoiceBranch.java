package io.stepflow.asl.model;

import io.stepflow.asl.choice.ChoiceRule;

/**
 * One of a Choice state's Choices: a JSONPath {@code rule} or a JSONata {@code condition}.
 *
 * @param rule the rule (JSONPath), or null
 * @param condition the Condition (JSONata: an expression or a boolean), or null
 * @param next the state to go to when it matches
 * @param assign Assign, or null
 * @param output Output (JSONata), or null
 * @param hasOutput whether Output was given
 */
public record ChoiceBranch(
    ChoiceRule rule,
    Object condition,
    String next,
    Object assign,
    Object output,
    boolean hasOutput) {}
