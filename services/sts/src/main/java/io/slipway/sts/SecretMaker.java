package io.slipway.sts;

import io.slipway.engine.store.IdGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Key ids, secrets and session tokens in AWS's forms, made from the injected id generator (its
 * UUIDs are random in production): an access key id is {@code ASIA} and 16 upper-case letters and
 * digits, a secret 40 base64 characters, a session token a long base64 string.
 */
final class SecretMaker {
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private final IdGenerator ids;

    SecretMaker(IdGenerator ids) {
        this.ids = ids;
    }

    String accessKeyId() {
        return "ASIA" + letters(16);
    }

    String secretAccessKey() {
        return Base64.getEncoder().encodeToString(bytes(30)).replace('+', '/').substring(0, 40);
    }

    String sessionToken() {
        return "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(bytes(240));
    }

    private String letters(int n) {
        byte[] b = bytes(n);
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = KEY_ALPHABET[(b[i] & 0xff) % KEY_ALPHABET.length];
        }
        return new String(out);
    }

    /** As many bytes as asked, from SHA-256 over fresh ids. */
    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int filled = 0; filled < n; ) {
                byte[] block = sha.digest((ids.newId() + ids.newId()).getBytes(StandardCharsets.UTF_8));
                int take = Math.min(block.length, n - filled);
                System.arraycopy(block, 0, out, filled, take);
                filled += take;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
