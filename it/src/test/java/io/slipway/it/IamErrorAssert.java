package io.slipway.it;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An AWS error as the SDK sees it: its code, its HTTP status and (part of) its message. */
final class IamErrorAssert {
    private IamErrorAssert() {
    }

    static void fails(ThrowableAssert.ThrowingCallable call, String code, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
