package io.slipway.iam;

import io.slipway.engine.store.IdGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * IAM's identifiers in AWS's forms, drawn from the injected id generator (whose default draws from
 * a secure random source): unique ids of 21 characters, a four-letter prefix that says what the
 * entity is ({@code AIDA} user, {@code AROA} role, {@code AGPA} group, {@code ANPA} managed policy,
 * {@code AIPA} instance profile) and 17 upper-case letters and digits; access key ids
 * ({@code AKIA} and 16 more); secret access keys of 40 characters.
 */
public final class IamIds {
    public static final String USER = "AIDA";
    public static final String ROLE = "AROA";
    public static final String GROUP = "AGPA";
    public static final String POLICY = "ANPA";
    public static final String INSTANCE_PROFILE = "AIPA";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private final IdGenerator ids;

    public IamIds(IdGenerator ids) {
        this.ids = ids;
    }

    /** A unique id with one of this class's prefixes. */
    public String uniqueId(String prefix) {
        return prefix + encode(digest(ids.newId()), 17, BASE32);
    }

    public String accessKeyId() {
        return "AKIA" + encode(digest(ids.newId()), 16, BASE32);
    }

    /** 40 characters carrying 240 bits of two fresh ids. */
    public String secretAccessKey() {
        return encode(digest(ids.newId() + "/" + ids.newId()), 40, SECRET_ALPHABET);
    }

    /** A service-linked role deletion's task id suffix. */
    public String taskId() {
        return ids.newId();
    }

    /** {@code length} characters of {@code alphabet} (32 or 64 letters), read from the digest's bits in turn. */
    private static String encode(byte[] digest, int length, String alphabet) {
        int bitsPerChar = Integer.numberOfTrailingZeros(alphabet.length());
        StringBuilder out = new StringBuilder(length);
        long buffer = 0;
        int bits = 0;
        int next = 0;
        while (out.length() < length) {
            if (bits < bitsPerChar) {
                buffer = (buffer << 8) | (digest[next++] & 0xff);
                bits += 8;
            }
            bits -= bitsPerChar;
            out.append(alphabet.charAt((int) (buffer >>> bits) & (alphabet.length() - 1)));
        }
        return out.toString();
    }

    private static byte[] digest(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
