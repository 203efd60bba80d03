'use strict';
// Slipway's cfn-response module, packaged with every Node.js function whose code a template writes
// inline (Code.ZipFile), as CloudFormation packages its own: require('cfn-response').send(...) PUTs a
// custom resource's response to the request's ResponseURL and then ends the invocation.
const http = require('http');
const https = require('https');

exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function send(event, context, responseStatus, responseData, physicalResourceId, noEcho, reason) {
  const stream = context && context.logStreamName;
  const body = JSON.stringify({
    Status: responseStatus,
    Reason: reason || ('See the details in CloudWatch Log Stream: ' + stream),
    PhysicalResourceId: physicalResourceId || stream,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  console.log('Response body:\n', body);
  const url = new URL(event.ResponseURL);
  const client = url.protocol === 'http:' ? http : https;
  const finish = () => {
    if (context && typeof context.done === 'function') context.done();
  };
  return new Promise((resolve) => {
    const request = client.request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      console.log('Status code: ' + response.statusCode);
      response.resume();
      response.on('end', () => {
        resolve();
        finish();
      });
    });
    request.on('error', (error) => {
      console.log('send(..) failed executing request: ' + error);
      resolve();
      finish();
    });
    request.end(body);
  });
};
