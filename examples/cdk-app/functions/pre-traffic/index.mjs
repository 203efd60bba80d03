// BeforeAllowTraffic hook: an ES module that imports the AWS SDK for JavaScript v3 the Lambda
// runtime ships (this asset has no node_modules) and reports Succeeded to CodeDeploy.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';

const codedeploy = new CodeDeployClient({});

export const handler = async (event) => {
  await codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    status: 'Succeeded',
  }));
  console.log(`pre-traffic: ${event.DeploymentId}: Succeeded`);
  return 'Succeeded';
};
