// Slipway's Java runtime, run with the JDK's source launcher on the function's classpath (the code
// directory, its jars and lib/*.jar). It serves the handler `package.Class::method` (or `package.Class`,
// meaning handleRequest) through the Lambda Runtime API.
//
// Supported handler methods, static or on an instance made once with the public no-argument constructor:
//   (InputStream in, OutputStream out[, Context])   the raw event in, the raw response out
//   (E event[, Context]) returning R, or ()         E: String, Map, List, Object, Number types, Boolean, byte[],
//                                                   or a record whose components are of those types
// String receives a JSON string's text, or the raw JSON of any other event. R: null, String, Number, Boolean,
// Map, Collection, array, record, or a bean with getters, written as JSON; byte[] is sent as it is.
// Context is any interface (the SDK's com.amazonaws.services.lambda.runtime.Context when the function has it):
// getAwsRequestId, getFunctionName, getFunctionVersion, getInvokedFunctionArn, getMemoryLimitInMB,
// getRemainingTimeInMillis, getLogGroupName, getLogStreamName and getLogger (whose log methods print).
// Not supported: the SDK's event classes (S3Event, ...) and POJO events other than records.
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Bootstrap {

    static final String BASE = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime";

    public static void main(String[] args) throws Exception {
        // A connection per request: the Runtime API server drops connections idle for 30 s, which a handler
        // that runs longer would otherwise find out when it posts its answer.
        System.setProperty("http.keepAlive", "false");
        Handler handler;
        try {
            handler = Handler.load(System.getenv("_HANDLER"));
        } catch (Fault f) {
            System.err.println(f.type + ": " + f.getMessage());
            post("/init/error", Json.write(f.document()), f.type);
            System.exit(1);
            return;
        }
        while (true) {
            HttpURLConnection next = (HttpURLConnection) URI.create(BASE + "/invocation/next").toURL().openConnection();
            next.setReadTimeout(0);
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            long deadline = Long.parseLong(next.getHeaderField("Lambda-Runtime-Deadline-Ms"));
            String arn = next.getHeaderField("Lambda-Runtime-Invoked-Function-Arn");
            String trace = next.getHeaderField("Lambda-Runtime-Trace-Id");
            if (trace != null) {
                System.setProperty("com.amazonaws.xray.traceHeader", trace);
            }
            byte[] response;
            try {
                response = handler.invoke(event, requestId, deadline, arn);
            } catch (Fault f) {
                System.err.println(f.type + ": " + f.getMessage());
                flush();
                post("/invocation/" + requestId + "/error", Json.write(f.document()), f.type);
                continue;
            }
            flush();
            post("/invocation/" + requestId + "/response", response, null);
        }
    }

    static void flush() {
        System.out.flush();
        System.err.flush();
    }

    static void post(String path, byte[] body, String errorType) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(BASE + path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            c.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    /** An error with Lambda's document: the exception's class name, message and stack. */
    static final class Fault extends Exception {
        final String type;
        final List<String> stack;

        Fault(String type, String message, Throwable cause) {
            super(message, cause);
            this.type = type;
            this.stack = cause == null ? List.of() : Arrays.stream(cause.getStackTrace()).map(StackTraceElement::toString).toList();
        }

        static Fault of(Throwable t) {
            return new Fault(t.getClass().getName(), t.getMessage() == null ? t.toString() : t.getMessage(), t);
        }

        Map<String, Object> document() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("errorMessage", getMessage());
            d.put("errorType", type);
            d.put("stackTrace", stack);
            return d;
        }
    }

    static final class Handler {
        final Object target;
        final Method method;

        Handler(Object target, Method method) {
            this.target = target;
            this.method = method;
        }

        static Handler load(String handler) throws Fault {
            if (handler == null || handler.isBlank()) {
                throw new Fault("Runtime.MalformedHandlerName", "no handler set", null);
            }
            int colons = handler.indexOf("::");
            String className = colons < 0 ? handler : handler.substring(0, colons);
            String methodName = colons < 0 ? "handleRequest" : handler.substring(colons + 2);
            Class<?> type;
            try {
                type = Class.forName(className, true, Bootstrap.class.getClassLoader());
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                throw new Fault("java.lang.ClassNotFoundException", className, e);
            } catch (ExceptionInInitializerError e) {
                throw Fault.of(e.getCause() == null ? e : e.getCause());
            }
            Method chosen = null;
            for (Method m : type.getMethods()) {
                if (m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() <= 3
                        && (chosen == null || rank(m) > rank(chosen))) {
                    chosen = m;
                }
            }
            if (chosen == null) {
                throw new Fault("Runtime.HandlerNotFound", "No public method named " + methodName + " with appropriate method signature found on "
                        + className, null);
            }
            Object target = null;
            if (!Modifier.isStatic(chosen.getModifiers())) {
                try {
                    target = type.getConstructor().newInstance();
                } catch (InvocationTargetException e) {
                    throw Fault.of(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new Fault("Runtime.HandlerNotFound", "Class " + className + " has no public zero-argument constructor", e);
                }
            }
            return new Handler(target, chosen);
        }

        /** Prefers the stream form, then more parameters, then a concrete event type over Object. */
        private static int rank(Method m) {
            Class<?>[] p = m.getParameterTypes();
            if (p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class) {
                return 10 + p.length;
            }
            return p.length * 2 + (p.length > 0 && p[0] != Object.class ? 1 : 0);
        }

        byte[] invoke(byte[] event, String requestId, long deadline, String arn) throws Fault {
            Class<?>[] p = method.getParameterTypes();
            Object[] args = new Object[p.length];
            ByteArrayOutputStream out = null;
            for (int i = 0; i < p.length; i++) {
                if (p[i] == InputStream.class) {
                    args[i] = new ByteArrayInputStream(event);
                } else if (p[i] == OutputStream.class) {
                    args[i] = out = new ByteArrayOutputStream();
                } else if (i > 0 && p[i].isInterface() && !Map.class.isAssignableFrom(p[i]) && !Collection.class.isAssignableFrom(p[i])) {
                    args[i] = context(p[i], requestId, deadline, arn);
                } else if (i == 0) {
                    try {
                        args[i] = Json.convert(Json.read(new String(event, StandardCharsets.UTF_8)), p[i], event);
                    } catch (RuntimeException e) {
                        throw new Fault("Runtime.UnmarshalError", "could not read the event as " + p[i].getName() + ": " + e.getMessage(), e);
                    }
                } else {
                    throw new Fault("Runtime.HandlerNotFound", "unsupported parameter " + p[i].getName() + " of " + method, null);
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw Fault.of(e.getCause());
            } catch (IllegalAccessException e) {
                throw Fault.of(e);
            }
            if (out != null) {
                return out.toByteArray();
            }
            if (result instanceof byte[] bytes) {
                return bytes;
            }
            return Json.write(result);
        }

        static Object context(Class<?> type, String requestId, long deadline, String arn) {
            Map<String, String> env = System.getenv();
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, m, a) -> switch (m.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getFunctionName" -> env.get("AWS_LAMBDA_FUNCTION_NAME");
                case "getFunctionVersion" -> env.get("AWS_LAMBDA_FUNCTION_VERSION");
                case "getInvokedFunctionArn" -> arn;
                case "getLogGroupName" -> env.get("AWS_LAMBDA_LOG_GROUP_NAME");
                case "getLogStreamName" -> env.get("AWS_LAMBDA_LOG_STREAM_NAME");
                case "getMemoryLimitInMB" -> Integer.parseInt(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
                case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
                case "getLogger" -> m.getReturnType().isInterface() ? logger(m.getReturnType()) : null;
                case "toString" -> "LambdaContext[" + requestId + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == a[0];
                default -> null;
            });
        }

        static Object logger(Class<?> type) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, m, a) -> {
                if (m.getName().equals("log") && a != null && a.length > 0) {
                    System.out.print(a[0] instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(a[0]));
                    System.out.println();
                }
                return m.getName().equals("toString") ? "LambdaLogger" : null;
            });
        }
    }

    /** Just enough JSON for events and results. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object read(String text) {
            Json j = new Json(text);
            j.space();
            if (j.i == text.length()) {
                return null;
            }
            Object v = j.value();
            j.space();
            if (j.i != text.length()) {
                throw new IllegalArgumentException("unexpected text at " + j.i);
            }
            return v;
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        space();
                        String k = string();
                        space();
                        expect(':');
                        m.put(k, value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    i++;
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return word("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return word("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return word("null", null);
                }
                default -> {
                    return number();
                }
            }
        }

        private Object word(String w, Object v) {
            if (!s.startsWith(w, i)) {
                throw new IllegalArgumentException("unexpected text at " + i);
            }
            i += w.length();
            return v;
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("unexpected text at " + i);
            }
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.parseDouble(n);
            }
            long l = Long.parseLong(n);
            return l == (int) l ? (Object) (int) l : (Object) l;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** A parsed JSON value as the handler's parameter type. */
        static Object convert(Object v, Class<?> type, byte[] raw) {
            if (type == Object.class || type.isInstance(v) && !(v instanceof Number)) {
                return v;
            }
            if (type == String.class) {
                return v instanceof String str ? str : new String(raw, StandardCharsets.UTF_8);
            }
            if (type == byte[].class) {
                return raw;
            }
            if (v == null) {
                return null;
            }
            if (v instanceof Number n) {
                if (type == int.class || type == Integer.class) {
                    return n.intValue();
                }
                if (type == long.class || type == Long.class) {
                    return n.longValue();
                }
                if (type == double.class || type == Double.class) {
                    return n.doubleValue();
                }
                if (type == float.class || type == Float.class) {
                    return n.floatValue();
                }
                if (type.isInstance(v)) {
                    return v;
                }
            }
            if (type == boolean.class && v instanceof Boolean) {
                return v;
            }
            if (type.isRecord() && v instanceof Map<?, ?> m) {
                RecordComponent[] rc = type.getRecordComponents();
                Object[] args = new Object[rc.length];
                Class<?>[] types = new Class<?>[rc.length];
                for (int k = 0; k < rc.length; k++) {
                    types[k] = rc[k].getType();
                    Object field = m.get(rc[k].getName());
                    args[k] = field == null && types[k].isPrimitive() ? defaultOf(types[k])
                            : convert(field, types[k], Json.write(field));
                }
                try {
                    var c = type.getDeclaredConstructor(types);
                    c.setAccessible(true);
                    return c.newInstance(args);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot make " + type.getName() + ": " + e, e);
                }
            }
            throw new IllegalArgumentException("a JSON " + (v instanceof Map ? "object" : v.getClass().getSimpleName())
                    + " does not convert to " + type.getName());
        }

        private static Object defaultOf(Class<?> t) {
            return t == boolean.class ? false : t == char.class ? '\0' : t == long.class ? 0L : t == double.class ? 0d
                    : t == float.class ? 0f : t == short.class ? (short) 0 : t == byte.class ? (byte) 0 : 0;
        }

        static byte[] write(Object v) {
            StringBuilder b = new StringBuilder();
            write(b, v);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void write(StringBuilder b, Object v) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof String str) {
                quote(b, str);
            } else if (v instanceof Character c) {
                quote(b, c.toString());
            } else if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
                b.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else if (v instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    quote(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            } else if (v instanceof Iterable<?> it) {
                b.append('[');
                boolean first = true;
                for (Object o : it) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, o);
                }
                b.append(']');
            } else if (v.getClass().isArray()) {
                List<Object> l = new ArrayList<>();
                for (int k = 0; k < Array.getLength(v); k++) {
                    l.add(Array.get(v, k));
                }
                write(b, l);
            } else if (v instanceof Enum<?> e) {
                quote(b, e.name());
            } else if (v.getClass().isRecord()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (RecordComponent rc : v.getClass().getRecordComponents()) {
                    try {
                        Method accessor = rc.getAccessor();
                        accessor.setAccessible(true);
                        m.put(rc.getName(), accessor.invoke(v));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalArgumentException(e);
                    }
                }
                write(b, m);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Method g : v.getClass().getMethods()) {
                    String n = g.getName();
                    if (g.getParameterCount() == 0 && g.getDeclaringClass() != Object.class && !Modifier.isStatic(g.getModifiers())
                            && (n.startsWith("get") && n.length() > 3 || n.startsWith("is") && n.length() > 2 && g.getReturnType() == boolean.class)) {
                        String p = n.startsWith("get") ? n.substring(3) : n.substring(2);
                        try {
                            m.put(Character.toLowerCase(p.charAt(0)) + p.substring(1), g.invoke(v));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalArgumentException(e);
                        }
                    }
                }
                write(b, m);
            }
        }

        private static void quote(StringBuilder b, String s) {
            b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
