package io.slipway.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys ({@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")}),
 * kept in a small map read without a lock (emptied when full: a key is good for a whole day and a
 * busy caller has few), so a request costs one HMAC instead of five.
 */
public final class SigningKeys {
    private record Scope(String secret, String date, String region, String service) {
    }

    private static final Mac HMAC_SHA256 = newHmac();
    private static final MessageDigest SHA_256 = newSha256();
    private final Map<Scope, SigningKey> cache = new ConcurrentHashMap<>();
    private final int capacity;

    public SigningKeys(int capacity) {
        this.capacity = capacity;
    }

    /**
     * A signing key with HMAC-SHA256 under it half done: the SHA-256 digests of the key's inner and
     * outer pads, made once, so that a signature costs two digest copies and the message's blocks
     * instead of a Mac looked up, initialised and fed both pads again (measured, bench/RESULTS.md).
     */
    static final class SigningKey {
        private final byte[] key;
        private final MessageDigest inner;
        private final MessageDigest outer;

        private SigningKey(byte[] key) {
            this.key = key;
            byte[] innerPad = new byte[64];
            byte[] outerPad = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte k = i < key.length ? key[i] : 0; // SigV4 keys are 32 bytes: within SHA-256's 64-byte block
                innerPad[i] = (byte) (k ^ 0x36);
                outerPad[i] = (byte) (k ^ 0x5c);
            }
            this.inner = copy(SHA_256);
            this.inner.update(innerPad);
            this.outer = copy(SHA_256);
            this.outer.update(outerPad);
        }

        byte[] bytes() {
            return key;
        }

        /** HMAC-SHA256 of {@code data} under this key (RFC 2104); the prototypes are only ever copied. */
        byte[] hmac(String data) {
            MessageDigest in = copy(inner);
            byte[] innerHash = in.digest(data.getBytes(StandardCharsets.UTF_8));
            return copy(outer).digest(innerHash);
        }
    }

    public byte[] key(String secret, String date, String region, String service) {
        return signingKey(secret, date, region, service).bytes();
    }

    SigningKey signingKey(String secret, String date, String region, String service) {
        Scope scope = new Scope(secret, date, region, service);
        SigningKey cached = cache.get(scope);
        if (cached != null) {
            return cached;
        }
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, "aws4_request");
        if (cache.size() >= capacity) {
            cache.clear();
        }
        SigningKey made = new SigningKey(k);
        cache.put(scope, made);
        return made;
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digests can be cloned", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** HMAC-SHA256 on a Mac cloned from one made at start: finding the algorithm among the providers costs more than the HMAC. */
    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac;
            try {
                mac = (Mac) HMAC_SHA256.clone();
            } catch (CloneNotSupportedException e) {
                mac = newHmac();
            }
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static Mac newHmac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
