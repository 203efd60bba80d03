# Slipway's Python runtime: imports the handler `package/module.function` from LAMBDA_TASK_ROOT and
# serves it through the Lambda Runtime API, as Lambda's own runtime interface client does: the same
# context object, the same error documents ({errorMessage, errorType, requestId, stackTrace}) and init
# error types, and the same log format for the logging module.
import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

BASE = "/2018-06-01/runtime"


class RuntimeApi:
    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.host, self.port = host, int(port)

    def call(self, method, path, body=None, headers=None):
        # A connection per request: the Runtime API server drops connections idle for 30 s, which a
        # handler that runs longer would otherwise find out when it posts its answer.
        conn = http.client.HTTPConnection(self.host, self.port)
        try:
            conn.request(method, BASE + path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response, response.read()
        finally:
            conn.close()

    def post_json(self, path, document, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        return self.call("POST", path, json.dumps(document).encode("utf-8"), headers)


class FaultException(Exception):
    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


def error_document(exc, request_id="", skip_frames=0):
    tb = exc.__traceback__
    for _ in range(skip_frames):
        if tb is not None:
            tb = tb.tb_next
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "requestId": request_id,
        "stackTrace": traceback.format_list(traceback.extract_tb(tb)),
    }


def log_error(document):
    lines = "".join(document.get("stackTrace") or [])
    sys.stdout.write("[ERROR] %s: %s\rTraceback (most recent call last):\r%s\n"
                     % (document["errorType"], document["errorMessage"], lines.replace("\n", "\r")))


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_function_arn):
        env = os.environ
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_function_arn
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s,function_version=%s,invoked_function_arn=%s])" % (
            self.aws_request_id, self.function_name, self.function_version, self.invoked_function_arn)


class RequestIdFilter(logging.Filter):
    request_id = None

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e))
    if modname.startswith("/"):
        raise FaultException("Runtime.MalformedHandlerName",
                             "Bad handler '%s': Importing module by file path is not supported" % handler)
    try:
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (modname, e))
    except SyntaxError as e:
        raise FaultException("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (modname, e),
                             traceback.format_list(traceback.extract_tb(e.__traceback__)))
    fn = getattr(module, fname, None)
    if fn is None or not callable(fn):
        raise FaultException("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (fname, modname))
    return fn


def to_json(value):
    def default(o):
        if isinstance(o, decimal.Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)
    return json.dumps(value, default=default).encode("utf-8")


def main():
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ["LAMBDA_TASK_ROOT"]
    sys.path[0] = task_root  # the handler's modules, not this bootstrap's directory
    os.chdir(task_root)
    setup_logging()
    try:
        handler = load_handler(os.environ["_HANDLER"])
    except FaultException as f:
        document = {"errorMessage": f.message, "errorType": f.error_type, "requestId": "", "stackTrace": f.stack}
        log_error(document)
        api.post_json("/init/error", document, f.error_type)
        sys.exit(1)
    except Exception as e:  # the module's own top-level code failed
        document = error_document(e)
        log_error(document)
        api.post_json("/init/error", document, document["errorType"])
        sys.exit(1)

    while True:
        response, body = api.call("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        deadline = int(response.getheader("Lambda-Runtime-Deadline-Ms", "0"))
        trace = response.getheader("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        RequestIdFilter.request_id = request_id
        context = LambdaContext(request_id, deadline, response.getheader("Lambda-Runtime-Invoked-Function-Arn"))
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            document = {"errorMessage": "Unable to parse input as json: %s" % e, "errorType": "Runtime.UnmarshalError",
                        "requestId": request_id, "stackTrace": []}
            api.post_json("/invocation/%s/error" % request_id, document, document["errorType"])
            continue
        try:
            result = handler(event, context)
        except Exception as e:
            document = error_document(e, request_id, skip_frames=1)
            log_error(document)
            api.post_json("/invocation/%s/error" % request_id, document, document["errorType"])
            continue
        try:
            payload = to_json(result)
        except (TypeError, ValueError) as e:
            document = {"errorMessage": "Unable to marshal response: %s" % e, "errorType": "Runtime.MarshalError",
                        "requestId": request_id, "stackTrace": []}
            log_error(document)
            api.post_json("/invocation/%s/error" % request_id, document, document["errorType"])
            continue
        api.call("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
