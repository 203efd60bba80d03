package io.slipway.agent.host;

/** Why a command failed, as its diagnostics will report it. */
public final class CommandFailure extends Exception {
    private final ErrorCode errorCode;
    private final String scriptName;

    public CommandFailure(ErrorCode errorCode, String scriptName, String message) {
        super(message);
        this.errorCode = errorCode;
        this.scriptName = scriptName;
    }

    /** A failure that is no script's: a bad bundle, AppSpec file or install. */
    public static CommandFailure unknown(String message) {
        return new CommandFailure(ErrorCode.UNKNOWN_ERROR, "", message);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String scriptName() {
        return scriptName;
    }
}
