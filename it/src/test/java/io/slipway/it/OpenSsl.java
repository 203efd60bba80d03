package io.slipway.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The machine's {@code openssl} command, as a host's OpenSSL reads what Slipway signs. */
final class OpenSsl {
    private OpenSsl() {
    }

    /**
     * The content of a PEM PKCS#7 SignedData, verified as the CodeDeploy agent verifies it: the
     * signature against the embedded certificate, the certificate's chain not checked.
     * {@code command} is {@code smime} or {@code cms}; a refusal fails with openssl's message.
     */
    static String verifiedContent(String command, String pem) {
        try {
            Process p = new ProcessBuilder("openssl", command, "-verify", "-noverify", "-inform", "PEM")
                    .redirectErrorStream(false).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(pem.getBytes(StandardCharsets.US_ASCII));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("openssl " + command + " -verify refused the envelope: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("openssl is needed to check signed specifications (scripts/test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
