// A CloudFormation custom resource: answers every request by PUTting its response to the
// ResponseURL, as cfn-response does (http or https, whichever the URL says).
const url = require('url');

exports.handler = async (event, context) => {
  const release = (event.ResourceProperties || {}).Release || 'none';
  const response = {
    Status: 'SUCCESS',
    Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
    PhysicalResourceId: event.PhysicalResourceId || 'settings-' + release,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Endpoint: 'https://settings.example.com/releases/' + release },
  };
  await put(event.ResponseURL, JSON.stringify(response));
  return response;
};

function put(target, body) {
  const parsed = url.parse(target);
  const client = parsed.protocol === 'http:' ? require('http') : require('https');
  return new Promise((resolve, reject) => {
    const request = client.request({
      hostname: parsed.hostname, port: parsed.port, path: parsed.path, method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (res) => { res.resume(); res.on('end', resolve); });
    request.on('error', reject);
    request.end(body);
  });
}
