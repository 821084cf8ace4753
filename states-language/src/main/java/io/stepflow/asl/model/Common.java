package io.stepflow.asl.model;

import java.util.List;

/**
 * Fields shared by the state types; a field a type does not allow is null (the validator has
 * rejected definitions that set it).
 *
 * @param name the state's name
 * @param queryLanguage the effective query language of the state
 * @param next the next state, or null
 * @param end true for a terminal state
 * @param inputPath InputPath: "$" when absent, null when the definition says null
 * @param outputPath OutputPath: "$" when absent, null when the definition says null
 * @param resultPath ResultPath: "$" when absent, null when the definition says null
 * @param parameters Parameters (JSONPath), or null
 * @param resultSelector ResultSelector (JSONPath), or null
 * @param arguments Arguments (JSONata), or null
 * @param output Output (JSONata), or null
 * @param hasOutput whether Output was given (it may be the JSON null)
 * @param assign Assign, or null
 * @param retry the retriers, in order
 * @param catchers the catchers, in order
 */
public record Common(
    String name,
    QueryLanguage queryLanguage,
    String next,
    boolean end,
    String inputPath,
    String outputPath,
    String resultPath,
    Object parameters,
    Object resultSelector,
    Object arguments,
    Object output,
    boolean hasOutput,
    Object assign,
    List<Retrier> retry,
    List<Catcher> catchers) {}
