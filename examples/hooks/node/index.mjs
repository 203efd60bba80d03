// CodeDeploy lifecycle hook function (BeforeAllowTraffic, AfterAllowTraffic, ...).
//
// This is an ordinary AWS Lambda handler, written like the Node.js sample in the
// CodeDeploy user guide (reference-appspec-file-structure-hooks), using the AWS SDK
// for JavaScript v3. CodeDeploy invokes it with
//   {"DeploymentId": "d-XXXXXXXXX", "LifecycleEventHookExecutionId": "<opaque>"}
// and waits (up to one hour) for PutLifecycleEventHookExecutionStatus.
//
// The "validation" is deliberately simple so that tests can steer it: the hook reads
// the deployment with GetDeployment and reports Failed when its description contains
// "fail-hook", Succeeded otherwise.
//
// Endpoint: on AWS Lambda no endpoint variable is set and the SDK uses the regional
// CodeDeploy endpoint. Under Slipway, AWS_ENDPOINT_URL points at Slipway; the SDK
// honours it by itself, and it is also passed explicitly here.
import {
  CodeDeployClient,
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from "@aws-sdk/client-codedeploy";

const endpoint =
  process.env.AWS_ENDPOINT_URL_CODEDEPLOY || process.env.AWS_ENDPOINT_URL || undefined;

const codedeploy = new CodeDeployClient(endpoint ? { endpoint } : {});

const FAIL_MARKER = "fail-hook";

export const handler = async (event) => {
  const deploymentId = event?.DeploymentId;
  const lifecycleEventHookExecutionId = event?.LifecycleEventHookExecutionId;
  if (!deploymentId || !lifecycleEventHookExecutionId) {
    throw new Error(
      "event must contain DeploymentId and LifecycleEventHookExecutionId, got " +
        JSON.stringify(event)
    );
  }

  // Validation: look at the deployment. If it cannot be read, the hook reports
  // Failed rather than leaving the deployment waiting for the one-hour timeout.
  let status;
  let reason;
  try {
    const { deploymentInfo } = await codedeploy.send(
      new GetDeploymentCommand({ deploymentId })
    );
    const description = deploymentInfo?.description ?? "";
    if (description.includes(FAIL_MARKER)) {
      status = "Failed";
      reason = `description contains "${FAIL_MARKER}"`;
    } else {
      status = "Succeeded";
      reason = "deployment checked";
    }
  } catch (err) {
    status = "Failed";
    reason = `GetDeployment failed: ${err.name}: ${err.message}`;
  }

  const fn = process.env.AWS_LAMBDA_FUNCTION_NAME || "hook";
  console.error(`${fn}: ${deploymentId}: ${status} (${reason})`);

  // Report the result. An error here propagates: the invocation fails.
  await codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId,
      lifecycleEventHookExecutionId,
      status,
    })
  );
  return { status };
};
