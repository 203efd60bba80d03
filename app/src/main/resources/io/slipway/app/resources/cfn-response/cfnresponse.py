# Slipway's cfnresponse module, packaged with every Python function whose code a template writes
# inline (Code.ZipFile), as CloudFormation packages its own: cfnresponse.send(...) PUTs a custom
# resource's response to the request's ResponseURL.
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    stream = getattr(context, "log_stream_name", None)
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or ("See the details in CloudWatch Log Stream: %s" % stream),
        "PhysicalResourceId": physicalResourceId or stream,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }).encode("utf-8")
    print("Response body:")
    print(body.decode("utf-8"))
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"content-type": "", "content-length": str(len(body))})
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code: %s" % response.status)
    except Exception as e:
        print("send(..) failed executing request: %s" % e)
