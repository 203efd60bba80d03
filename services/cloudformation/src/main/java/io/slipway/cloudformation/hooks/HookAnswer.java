package io.slipway.cloudformation.hooks;

import io.slipway.core.codec.MalformedInputException;
import io.slipway.model.cloudformation.Annotation;
import io.slipway.model.cloudformation.AnnotationSeverityLevel;
import io.slipway.model.cloudformation.AnnotationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Lambda hook's function answered, read leniently where AWS is silent and strictly where
 * it documents a rule: {@code hookStatus} and the echoed {@code clientRequestToken} are required,
 * anything else that cannot be read as the contract says makes the answer unusable.
 */
sealed interface HookAnswer {
    /** CloudFormation keeps this much of a hook's message (1,024 is Cloud Control's limit). */
    int MAX_MESSAGE = 4096;

    /** SUCCESS or FAILED. */
    record Done(boolean succeeded, String errorCode, String message, List<Annotation> annotations)
            implements HookAnswer {
    }

    /** IN_PROGRESS: call again after the delay, handing back the context. */
    record InProgress(Object callbackContext, long callbackDelaySeconds, List<Annotation> annotations)
            implements HookAnswer {
    }

    record Unusable(String reason) implements HookAnswer {
    }

    static HookAnswer read(String payload, String clientRequestToken) {
        Map<String, Object> answer;
        try {
            answer = HookJson.asObject(HookJson.parse(payload));
        } catch (MalformedInputException e) {
            return new Unusable("The hook's response is not valid JSON");
        }
        if (answer == null) {
            return new Unusable("The hook's response is not a JSON object");
        }
        if (!clientRequestToken.equals(answer.get("clientRequestToken"))) {
            return new Unusable("The hook's response does not echo the request's clientRequestToken");
        }
        List<Annotation> annotations;
        try {
            annotations = annotations(answer.get("annotations"));
        } catch (IllegalArgumentException | ClassCastException e) {
            return new Unusable("The hook's response has malformed annotations");
        }
        String message = answer.get("message") instanceof String s ? truncate(s, MAX_MESSAGE) : null;
        String errorCode = answer.get("errorCode") instanceof String s ? s : null;
        Object status = answer.get("hookStatus");
        if ("SUCCESS".equals(status) || "FAILED".equals(status)) {
            return new Done("SUCCESS".equals(status), errorCode, message, annotations);
        }
        if ("IN_PROGRESS".equals(status)) {
            long delay = answer.get("callbackDelaySeconds") instanceof Number n ? Math.max(0, n.longValue()) : 0;
            return new InProgress(answer.get("callbackContext"), delay, annotations);
        }
        return new Unusable(status == null ? "The hook's response has no hookStatus"
                : "The hook's response has an unknown hookStatus: " + truncate(String.valueOf(status), 100));
    }

    private static List<Annotation> annotations(Object value) {
        if (value == null) {
            return List.of();
        }
        List<Annotation> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            Map<String, Object> a = HookJson.asObject(o);
            if (a == null) {
                throw new IllegalArgumentException("annotation is not an object");
            }
            out.add(Annotation.builder()
                    .annotationName(text(a, "annotationName", 1024))
                    .status(AnnotationStatus.fromValue(text(a, "status", 100)))
                    .statusMessage(text(a, "statusMessage", 16384))
                    .remediationMessage(text(a, "remediationMessage", 16384))
                    .remediationLink(text(a, "remediationLink", 5120))
                    .severityLevel(AnnotationSeverityLevel.fromValue(text(a, "severityLevel", 100))).build());
        }
        return List.copyOf(out);
    }

    private static String text(Map<String, Object> object, String key, int max) {
        Object value = object.get(key);
        return value == null ? null : truncate((String) value, max);
    }

    /** Cuts at a character boundary, never inside a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
