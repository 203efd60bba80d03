package io.slipway.agent.host;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of one command and the diagnostics PutHostCommandComplete carries:
 * {@code {"error_code","script_name","message","log"}}, with {@code log} the tail of the scripts'
 * output.
 */
public record CommandResult(ErrorCode errorCode, String scriptName, String message, String log) {
    /** The model caps a diagnostics payload at 8192 characters. */
    static final int MAX_PAYLOAD = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CommandResult succeeded(String log) {
        return new CommandResult(ErrorCode.SUCCEEDED, "", "Succeeded", log);
    }

    public static CommandResult failed(CommandFailure failure, String log) {
        return new CommandResult(failure.errorCode(), failure.scriptName(), String.valueOf(failure.getMessage()), log);
    }

    public boolean succeeded() {
        return errorCode == ErrorCode.SUCCEEDED;
    }

    /** The command status to report: {@code Succeeded} or {@code Failed}. */
    public String commandStatus() {
        return succeeded() ? "Succeeded" : "Failed";
    }

    /** The diagnostics JSON, the log shortened from its start (and the message cut) to fit the limit. */
    public String diagnosticsPayload() {
        String shortMessage = message.length() > 2048 ? message.substring(0, 2048) : message;
        String tail = log;
        String payload = render(shortMessage, tail);
        while (payload.length() > MAX_PAYLOAD && !tail.isEmpty()) {
            tail = tail.substring(Math.min(tail.length(), Math.max(64, (payload.length() - MAX_PAYLOAD) / 2)));
            payload = render(shortMessage, tail);
        }
        return payload;
    }

    private String render(String msg, String tail) {
        return JSON.createObjectNode().put("error_code", errorCode.code()).put("script_name", scriptName)
                .put("message", msg).put("log", tail).toString();
    }
}
