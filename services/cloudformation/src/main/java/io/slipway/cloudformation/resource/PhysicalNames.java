package io.slipway.cloudformation.resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The names CloudFormation gives resources whose template names none:
 * {@code <stackName>-<logicalId>-<13 uppercase alphanumerics>}, cut to the type's limit. AWS draws
 * the 13 characters at random; Slipway derives them from the stack id and logical id, so a
 * provider that retries after a crash computes the same name and finds what it made before. A
 * replacement seeds with the name it replaces, so the new resource never collides with the old.
 */
public final class PhysicalNames {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SUFFIX = 13;

    private PhysicalNames() {
    }

    /** The name for the first creation of the request's resource. */
    public static String generate(ResourceRequest request, int maxLength) {
        return generate(request.stackName(), request.logicalId(), request.stackId() + "|" + request.logicalId(), maxLength);
    }

    /** The name for a resource that replaces {@code replacing}: stable for the same request, never equal to it. */
    public static String replacement(ResourceRequest request, String replacing, int maxLength) {
        String name = generate(request.stackName(), request.logicalId(),
                request.stackId() + "|" + request.logicalId() + "|" + replacing, maxLength);
        return name.equalsIgnoreCase(replacing) ? replacement(request, replacing + "|again", maxLength) : name;
    }

    static String generate(String stackName, String logicalId, String seed, int maxLength) {
        if (maxLength < SUFFIX + 3) {
            throw new IllegalArgumentException("a generated name needs at least " + (SUFFIX + 3) + " characters");
        }
        // two hyphens and the suffix are kept whole; the stack name gives way first, then the logical id
        int budget = maxLength - SUFFIX - 2;
        String logical = logicalId.length() > budget - 1 ? logicalId.substring(0, budget - 1) : logicalId;
        int stackRoom = Math.max(1, budget - logical.length());
        String stack = stackName.length() > stackRoom ? stackName.substring(0, stackRoom) : stackName;
        return stack + "-" + logical + "-" + suffix(seed);
    }

    private static String suffix(String seed) {
        byte[] digest = sha256(seed);
        StringBuilder sb = new StringBuilder(SUFFIX);
        for (int i = 0; i < SUFFIX; i++) {
            sb.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
        }
        return sb.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
