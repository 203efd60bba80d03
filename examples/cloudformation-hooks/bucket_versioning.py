"""A CloudFormation Lambda hook that rejects S3 buckets without versioning.

Activate it as an AWS::Hooks::LambdaHook (or an AWS::CloudFormation::LambdaHook resource) whose
TargetOperations include RESOURCE and/or CHANGE_SET. The same handler runs on AWS Lambda and on
Slipway's Lambda: it reads the request CloudFormation sends, and for change sets fetches the
payload URL the request names (Slipway serves it on its own endpoint).
"""
import json
import urllib.request

BUCKET = "AWS::S3::Bucket"


def handler(event, context):
    data = event.get("requestData") or {}
    target = data.get("targetType")
    if target == "CHANGE_SET":
        problems = change_set_problems(fetch(data["payload"]))
    elif target == BUCKET:
        properties = (data.get("targetModel") or {}).get("resourceProperties") or {}
        action = event.get("actionInvocationPoint", "")
        problems = [] if action.startswith("DELETE") else bucket_problems(data.get("targetLogicalId"), properties)
    else:
        problems = []
    answer = {"hookStatus": "FAILED" if problems else "SUCCESS",
              "clientRequestToken": event.get("clientRequestToken")}
    if problems:
        answer["errorCode"] = "NonCompliant"
        answer["message"] = "; ".join(problems)
    else:
        answer["message"] = "Every bucket has versioning enabled"
    return answer


def bucket_problems(logical_id, properties):
    status = (properties.get("VersioningConfiguration") or {}).get("Status")
    if status != "Enabled":
        return [f"Bucket {logical_id} must have VersioningConfiguration.Status Enabled"]
    return []


def change_set_problems(payload):
    problems = []
    for change in payload.get("changedResources") or []:
        if change.get("resourceType") != BUCKET or change.get("action") == "DELETE":
            continue
        after = json.loads(change.get("afterContext") or "{}")
        problems += bucket_problems(change.get("logicalResourceId"), after.get("Properties") or {})
    return problems


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())
