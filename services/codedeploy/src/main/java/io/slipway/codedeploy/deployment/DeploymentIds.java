package io.slipway.codedeploy.deployment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * Ids in AWS's forms: deployments {@code d-} and nine upper-case letters or digits; hook
 * executions an opaque base64 string (AWS's are base64 of encrypted JSON). The randomness is
 * injected so tests can fix it.
 */
public final class DeploymentIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("d-[A-Z0-9]{9}");
    private final IntUnaryOperator random;

    /** @param random returns a uniformly random int in [0, bound) for a bound */
    public DeploymentIds(IntUnaryOperator random) {
        this.random = random;
    }

    /** The id, if given and well formed; else CodeDeploy's DeploymentIdRequired or InvalidDeploymentId. */
    public static String require(String deploymentId) {
        if (deploymentId == null || deploymentId.isEmpty()) {
            throw io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_ID_REQUIRED.exception("A deployment id is required");
        }
        if (!isDeploymentId(deploymentId)) {
            throw io.slipway.model.codedeploy.CodeDeployErrors.INVALID_DEPLOYMENT_ID.exception("The deployment id "
                    + deploymentId + " is not valid");
        }
        return deploymentId;
    }

    public static boolean isDeploymentId(String id) {
        return DEPLOYMENT_ID.matcher(id).matches();
    }

    public String newDeploymentId() {
        char[] c = new char[9];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.applyAsInt(ALPHABET.length)];
        }
        return "d-" + new String(c);
    }

    public String newHookExecutionId() {
        byte[] data = new byte[24];
        byte[] iv = new byte[12];
        fill(data);
        fill(iv);
        Base64.Encoder b64 = Base64.getEncoder();
        String json = "{\"encryptedData\":\"" + b64.encodeToString(data) + "\",\"ivParameterSpec\":\""
                + b64.encodeToString(iv) + "\",\"materialSetSerial\":1}";
        return b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void fill(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.applyAsInt(256);
        }
    }
}
