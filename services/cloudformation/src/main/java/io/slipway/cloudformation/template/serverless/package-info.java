/**
 * The SAM transform ({@code AWS::Serverless-2016-10-31}), run in Java: each {@code AWS::Serverless::*}
 * resource, with the template's Globals merged in, expands into the CloudFormation resources SAM
 * generates, under SAM's logical ids, so that users' templates, outputs and {@code Fn.Alias} /
 * {@code Fn.Version} references work as they do on AWS.
 *
 * <ul>
 *   <li>{@link io.slipway.cloudformation.template.serverless.ServerlessResource}: one SAM resource as
 *       declared (Globals merged), with the attributes SAM passes on to what it generates.</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.Expansion}: the processed template's
 *       Resources section being built, in order.</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.ResourceExpander}: one per SAM type.</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.Events}: a function's event sources.</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.PolicyTemplates}: SAM's policy templates
 *       for a function's {@code Policies}.</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.SimpleTables},
 *       {@link io.slipway.cloudformation.template.serverless.Apis},
 *       {@link io.slipway.cloudformation.template.serverless.HttpApis},
 *       {@link io.slipway.cloudformation.template.serverless.Applications}: the other SAM types; REST
 *       API deployments are named with SAM's hash of the definition, which needs the definition in
 *       Python 2.7's dict order ({@code Py27Dict}, {@code Swagger}, {@code Cors}).</li>
 *   <li>{@link io.slipway.cloudformation.template.serverless.ServerlessTransform}: the transform's entry;
 *       {@link io.slipway.cloudformation.template.serverless.ServerlessTypes}: the table of expanders by
 *       type, where each SAM type's expander is registered.</li>
 *   <li>Functions: {@code FunctionExpander} with {@code ExecutionRoles}, {@code FunctionVersions}
 *       ({@code SamHashes}), {@code DeploymentPreferences}, {@code FunctionUrls},
 *       {@code EventInvokeConfigs}; layers: {@code LayerVersionExpander}; {@code Globals};
 *       {@code SamReferences} rewrites {@code Fn.Alias}-style and renamed references.</li>
 * </ul>
 */
package io.slipway.cloudformation.template.serverless;
