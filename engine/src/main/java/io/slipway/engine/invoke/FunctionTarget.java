package io.slipway.engine.invoke;

/**
 * Where "a Lambda function" actually runs when a service invokes it: the operator points function
 * names at an HTTP endpoint or a local command ({@link FunctionTargets}).
 */
public sealed interface FunctionTarget permits HttpTarget, CommandTarget {
}
