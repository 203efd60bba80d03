/**
 * The local Lambda runtime: runs functions as processes on this machine, no containers, through the
 * real Lambda Runtime API ({@code /2018-06-01/runtime/invocation/next}, {@code …/{id}/response},
 * {@code …/{id}/error}, {@code /init/error}) served per execution environment on a loopback port.
 * {@link io.slipway.lambda.runtime.LocalRuntime} is the entry point.
 *
 * <h2>Runtimes</h2>
 * <ul>
 *   <li>{@code nodejs<N>.x}: the {@code node} on PATH (18 or later, whatever N says) runs Slipway's
 *       {@code nodejs/bootstrap.mjs}. Handler {@code dir/module.export[.nested]}; the module is
 *       {@code .js} (CommonJS, or ESM under a {@code "type": "module"} package.json), {@code .mjs} or
 *       {@code .cjs}, or a package under node_modules. Async handlers, promise-returning handlers and
 *       {@code (event, context, callback)} handlers up to nodejs22.x (a handler that never calls back
 *       answers {@code null} once its event loop is empty; nodejs24.x refuses them at init with
 *       Runtime.CallbackHandlerDeprecated, as Lambda does); {@code context.done/succeed/fail}. The AWS
 *       SDK for JavaScript v3 is importable and requirable without packaging it
 *       ({@link io.slipway.lambda.runtime.RuntimeLibraries}). Context:
 *       awsRequestId, functionName, functionVersion, invokedFunctionArn, memoryLimitInMB,
 *       logGroupName, logStreamName, getRemainingTimeInMillis(), callbackWaitsForEmptyEventLoop (not
 *       honoured: the answer goes out at once). Errors: {@code {errorType, errorMessage, trace}} as
 *       Lambda's node runtime sends them; init errors Runtime.ImportModuleError,
 *       Runtime.UserCodeSyntaxError, Runtime.HandlerNotFound, Runtime.MalformedHandlerName; uncaught
 *       exceptions and unhandled rejections fail the invocation and end the process. console.* lines
 *       are written as {@code time\trequestId\tLEVEL\tmessage}.</li>
 *   <li>{@code python3.<N>}: the {@code python3} on PATH (3.8 or later) runs {@code python/bootstrap.py}.
 *       Handler {@code package/module.function}. Context: aws_request_id, function_name,
 *       function_version, invoked_function_arn, memory_limit_in_mb, log_group_name, log_stream_name,
 *       get_remaining_time_in_millis(). Errors: {@code {errorMessage, errorType, requestId, stackTrace}};
 *       Decimal results are written as numbers; Runtime.MarshalError for others that JSON can't hold.
 *       The logging module writes Lambda's {@code [LEVEL]\ttime\trequestId\tmessage} lines. boto3 is
 *       the interpreter's own; a packaged one wins.</li>
 *   <li>{@code java<N>} (and {@code java8.al2}): {@code java/Bootstrap.java}, run by the source launcher
 *       of the JDK Slipway runs on (N must not exceed its version) with the code directory, its jars
 *       and {@code lib/*.jar} on the class path. Handler {@code package.Class::method} or
 *       {@code package.Class} (handleRequest); what the method may take and return is listed at the top
 *       of Bootstrap.java (String, Map, List, records, numbers, streams; any Context interface, such as
 *       the SDK's, is implemented by a proxy). Not supported: the SDK's event classes and POJO events.</li>
 *   <li>{@code provided}, {@code provided.al2}, {@code provided.al2023}: the function's own
 *       executable {@code bootstrap} in its code directory.</li>
 * </ul>
 *
 * <h2>Must not</h2>
 * Know the Lambda API's shapes or the store: callers hand in a {@link io.slipway.lambda.runtime.FunctionCode}
 * with an unpacked code directory and get an {@link io.slipway.lambda.runtime.InvocationOutcome} back.
 */
package io.slipway.lambda.runtime;
