package io.stepflow.asl.model;

import java.util.List;

/**
 * One entry of a state's Catch.
 *
 * @param errorEquals the error names it matches
 * @param next the state to go to
 * @param resultPath where the error output goes ("$" when absent, null when null)
 * @param output Output (JSONata), or null
 * @param hasOutput whether Output was given
 * @param assign Assign, or null
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    String resultPath,
    Object output,
    boolean hasOutput,
    Object assign) {}
