// A second CDK app in the same project (its own stack, the same node_modules): a function whose
// `live` alias a CodeDeploy LambdaDeploymentGroup shifts, with a BeforeAllowTraffic hook in Node.js
// and an AfterAllowTraffic hook in Python, both using the SDK the Lambda runtime ships.
//   cdk deploy --app 'node hooks-app.js'
// `RELEASE` changes the function (a new version, so a deployment); `HOOK_VERDICT=Failed` makes the
// post-traffic hook report Failed, so the deployment fails and the stack rolls back.
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const codedeploy = require('aws-cdk-lib/aws-codedeploy');
const path = require('path');

const app = new cdk.App();
const stack = new cdk.Stack(app, 'OrdersStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
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
  deploymentConfig: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE,
  preHook,
  postHook,
});

new cdk.CfnOutput(stack, 'OrdersAlias', { value: live.functionArn });
new cdk.CfnOutput(stack, 'PreTrafficHook', { value: preHook.functionName });
new cdk.CfnOutput(stack, 'PostTrafficHook', { value: postHook.functionName });

app.synth();
