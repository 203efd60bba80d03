package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.codedeploy.CodeDeployService;
import io.slipway.codepipeline.CodePipelineService;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.iam.IamService;
import io.slipway.lambda.LambdaService;
import io.slipway.model.codepipeline.TagResourceInput;
import io.slipway.model.codepipeline.UntagResourceInput;
import io.slipway.s3.storage.S3Storage;
import io.slipway.ssm.SsmService;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The resource types CloudFormation stacks create for real in Slipway, each connected to the
 * service that owns it. CloudFormation imports no other service, so the connection is made here,
 * in the app that holds them all.
 */
public final class CloudFormationResources {

    private CloudFormationResources() {
    }

    /**
     * @param endpoint Slipway's own URL (known once the server listens), under which wait condition
     *                 handles get their URLs
     */
    public static ResourceProviders providers(S3Storage s3, LambdaService lambda, CodeDeployService codeDeploy,
                                              CodePipelineService codePipeline, SsmService ssm, IamService iam,
                                              SlipwayClock clock, IdGenerator ids, Supplier<String> endpoint,
                                              AliasDeploymentWaits aliasWaits) {
        Map<String, ResourceProvider> byType = new HashMap<>();
        ServiceCalls lambdaCalls = new ServiceCalls("Lambda", lambda.binding(), clock, ids);
        byType.put(S3BucketProvider.TYPE, new S3BucketProvider(s3));
        byType.put(LambdaFunctionProvider.TYPE, new LambdaFunctionProvider(lambdaCalls));
        byType.put(LambdaVersionProvider.TYPE, new LambdaVersionProvider(lambdaCalls));
        ServiceCalls codeDeployCalls = new ServiceCalls("CodeDeploy", codeDeploy.binding(), clock, ids);
        byType.put(LambdaAliasProvider.TYPE, new LambdaAliasProvider(lambdaCalls, new AliasDeployments(codeDeployCalls, aliasWaits)));
        byType.put(CodeDeployApplicationProvider.TYPE, new CodeDeployApplicationProvider(codeDeployCalls));
        byType.put(DeploymentConfigProvider.TYPE, new DeploymentConfigProvider(codeDeployCalls));
        byType.put(DeploymentGroupProvider.TYPE, new DeploymentGroupProvider(codeDeployCalls));
        ServiceCalls codePipelineCalls = new ServiceCalls("CodePipeline", codePipeline.binding(), clock, ids);
        ResourceTagging pipelineTags = new ResourceTagging(codePipelineCalls,
                (arn, tags) -> new TagResourceInput(arn, PipelineProvider.tagList(tags)),
                UntagResourceInput::new);
        byType.put(CustomActionTypeProvider.TYPE, new CustomActionTypeProvider(codePipelineCalls, pipelineTags));
        byType.put(PipelineProvider.TYPE, new PipelineProvider(codePipelineCalls, pipelineTags));
        byType.put(SsmParameterProvider.TYPE, new SsmParameterProvider(new ServiceCalls("SSM", ssm.binding(), clock, ids)));
        byType.put(WaitConditionHandleProvider.TYPE, new WaitConditionHandleProvider(endpoint));
        IamCalls iamCalls = new IamCalls(new ServiceCalls("IAM", iam.binding(), clock, ids));
        byType.put(IamRoleProvider.TYPE, new IamRoleProvider(iamCalls));
        byType.put(IamPolicyProvider.TYPE, new IamPolicyProvider(iamCalls));
        byType.put(IamRolePolicyProvider.TYPE, new IamRolePolicyProvider(iamCalls));
        byType.put(IamManagedPolicyProvider.TYPE, new IamManagedPolicyProvider(iamCalls));
        byType.put(IamInstanceProfileProvider.TYPE, new IamInstanceProfileProvider(iamCalls));
        byType.put(IamUserProvider.TYPE, new IamUserProvider(iamCalls));
        byType.put(IamGroupProvider.TYPE, new IamGroupProvider(iamCalls));
        byType.put(IamAccessKeyProvider.TYPE, new IamAccessKeyProvider(iamCalls));
        byType.put(IamUserToGroupAdditionProvider.TYPE, new IamUserToGroupAdditionProvider(iamCalls));
        return new ResourceProviders(byType);
    }
}
