package io.slipway.agent.host;

/** The {@code error_code} of a command's diagnostics, numbered as the official agent numbers them. */
public enum ErrorCode {
    SUCCEEDED(0), SCRIPT_MISSING(1), SCRIPT_NOT_EXECUTABLE(2), SCRIPT_TIMED_OUT(3), SCRIPT_FAILED(4), UNKNOWN_ERROR(5);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
