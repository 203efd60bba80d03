// A second CDK app in the same project (its own stack, the same node_modules): a function whose
// `live` alias a CodeDeploy LambdaDeploymentGroup shifts, with a BeforeAllowTraffic hook in Node.js
// and an AfterAllowTraffic hook in Python, both using the SDK the Lambda runtime ships.
//   cdk deploy --app 'node hooks-app.js'
// `RELEASE` changes the function (a new version, so a deployment); `HOOK_VERDICT=Failed` makes the
// post-traffic hook report Failed, so the deployment fails and the stack rolls back.
// `DEPLOYMENT_CONFIG` names one of LambdaDeploymentConfig's configs (ALL_AT_ONCE unless set), e.g.
// CANARY_10PERCENT_5MINUTES, which Slipway's --time-scale shortens.
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const codedeploy = require('aws-cdk-lib/aws-codedeploy');
const path = require('path');

const app = new cdk.App();
const stack = new cdk.Stack(app, 'OrdersStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
const deploymentConfig = codedeploy.LambdaDeploymentConfig[process.env.DEPLOYMENT_CONFIG || 'ALL_AT_ONCE'];
if (!deploymentConfig) {
  throw new Error(`DEPLOYMENT_CONFIG=${process.env.DEPLOYMENT_CONFIG} is not one of LambdaDeploymentConfig's`);
}
const asset = (name) => lambda.Code.fromAsset(path.join(__dirname, 'functions', name));

const orders = new lambda.Function(stack, 'Orders', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: asset('orders'),
  environment: { RELEASE: process.env.RELEASE || '1' },
});
const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: orders.currentVersion });

const preHook = new lambda.Function(stack, 'PreTraffic', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: asset('pre-traffic'),
});
const postHook = new lambda.Function(stack, 'PostTraffic', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'hook.handler',
  code: asset('post-traffic'),
  environment: { HOOK_VERDICT: process.env.HOOK_VERDICT || 'Succeeded' },
});

new codedeploy.LambdaDeploymentGroup(stack, 'OrdersDeployment', {
  alias: live,
  deploymentConfig,
  preHook,
  postHook,
});

new cdk.CfnOutput(stack, 'OrdersAlias', { value: live.functionArn });
new cdk.CfnOutput(stack, 'PreTrafficHook', { value: preHook.functionName });
new cdk.CfnOutput(stack, 'PostTrafficHook', { value: postHook.functionName });

app.synth();
