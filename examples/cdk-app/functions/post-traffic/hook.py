"""AfterAllowTraffic hook: reports the verdict its HOOK_VERDICT environment variable names
(Succeeded unless it says Failed) to CodeDeploy with the runtime's boto3."""
import os

import boto3

codedeploy = boto3.client("codedeploy")


def handler(event, context):
    status = "Failed" if os.environ.get("HOOK_VERDICT") == "Failed" else "Succeeded"
    codedeploy.put_lifecycle_event_hook_execution_status(
        deploymentId=event["DeploymentId"],
        lifecycleEventHookExecutionId=event["LifecycleEventHookExecutionId"],
        status=status,
    )
    print(f"post-traffic: {event['DeploymentId']}: {status}")
    return status
