"""CodeDeploy lifecycle hook function (BeforeAllowTraffic, AfterAllowTraffic, ...).

An ordinary AWS Lambda handler using boto3. CodeDeploy invokes it with
    {"DeploymentId": "d-XXXXXXXXX", "LifecycleEventHookExecutionId": "<opaque>"}
and waits (up to one hour) for PutLifecycleEventHookExecutionStatus.

The "validation" is deliberately simple so that tests can steer it: the hook reads
the deployment with GetDeployment and reports Failed when its description contains
"fail-hook", Succeeded otherwise.

Run as a script (how Slipway's function invoker runs a "command:" target), it reads
the event JSON from stdin and exits 0 once the status has been reported, 1 if the
event was unreadable or the report failed.

Endpoint: on AWS Lambda no endpoint variable is set and boto3 uses the regional
CodeDeploy endpoint. Under Slipway, AWS_ENDPOINT_URL points at Slipway; boto3
honours it by itself, and it is also passed explicitly here.
"""

import json
import os
import sys

import boto3
from botocore.config import Config

FAIL_MARKER = "fail-hook"

_endpoint = (
    os.environ.get("AWS_ENDPOINT_URL_CODEDEPLOY")
    or os.environ.get("AWS_ENDPOINT_URL")
    or None
)
# "standard" retries (3 attempts), like the other AWS SDKs, unless AWS_RETRY_MODE
# says otherwise; boto3's "legacy" default retries a refused connection for ~15 s.
codedeploy = boto3.client(
    "codedeploy",
    endpoint_url=_endpoint,
    config=Config(retries={"mode": os.environ.get("AWS_RETRY_MODE") or "standard"}),
)


def _name():
    return os.environ.get("AWS_LAMBDA_FUNCTION_NAME") or "hook"


def handler(event, context):
    deployment_id = (event or {}).get("DeploymentId")
    execution_id = (event or {}).get("LifecycleEventHookExecutionId")
    if not deployment_id or not execution_id:
        raise ValueError(
            "event must contain DeploymentId and LifecycleEventHookExecutionId, got "
            + json.dumps(event)
        )

    # Validation: look at the deployment. If it cannot be read, the hook reports
    # Failed rather than leaving the deployment waiting for the one-hour timeout.
    try:
        info = codedeploy.get_deployment(deploymentId=deployment_id)["deploymentInfo"]
        if FAIL_MARKER in (info.get("description") or ""):
            status, reason = "Failed", 'description contains "%s"' % FAIL_MARKER
        else:
            status, reason = "Succeeded", "deployment checked"
    except Exception as err:  # noqa: BLE001 - any failure to validate fails the hook
        status, reason = "Failed", "GetDeployment failed: %s: %s" % (type(err).__name__, err)

    print("%s: %s: %s (%s)" % (_name(), deployment_id, status, reason), file=sys.stderr)

    # Report the result. An error here propagates: the invocation fails.
    codedeploy.put_lifecycle_event_hook_execution_status(
        deploymentId=deployment_id,
        lifecycleEventHookExecutionId=execution_id,
        status=status,
    )
    return {"status": status}


def main():
    try:
        text = sys.stdin.read()
        try:
            event = json.loads(text)
        except ValueError as err:
            raise ValueError("stdin is not a JSON event: %s" % err) from None
        handler(event, None)
    except Exception as err:  # noqa: BLE001
        print("%s: error: %s: %s" % (_name(), type(err).__name__, err), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
