// A small CDK app as teams write them, in plain JavaScript (no compile step): a Lambda function
// from a file asset, its alias shifted by a CodeDeploy LambdaDeploymentGroup, a log group, and a
// Lambda-backed custom resource whose Data reaches the stack's outputs. `RELEASE` changes the
// function's configuration, for an update.
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const codedeploy = require('aws-cdk-lib/aws-codedeploy');
const logs = require('aws-cdk-lib/aws-logs');
const path = require('path');

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ShopStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

const checkout = new lambda.Function(stack, 'Checkout', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'checkout')),
  environment: { RELEASE: process.env.RELEASE || '1' },
});
new logs.LogGroup(stack, 'CheckoutLogs', {
  logGroupName: '/shop/checkout',
  retention: logs.RetentionDays.ONE_WEEK,
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});
const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: checkout.currentVersion });
new codedeploy.LambdaDeploymentGroup(stack, 'CheckoutDeployment', {
  alias: live,
  deploymentConfig: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE,
});

const configure = new lambda.Function(stack, 'Configure', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'config')),
});
const settings = new cdk.CustomResource(stack, 'Settings', {
  serviceToken: configure.functionArn,
  properties: { Release: process.env.RELEASE || '1' },
});
new cdk.CfnOutput(stack, 'SettingsEndpoint', { value: settings.getAttString('Endpoint') });
new cdk.CfnOutput(stack, 'CheckoutAlias', { value: live.functionArn });

app.synth();
