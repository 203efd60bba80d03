package io.slipway.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
    private final Map<Scope, byte[]> cache = new ConcurrentHashMap<>();
    private final int capacity;

    public SigningKeys(int capacity) {
        this.capacity = capacity;
    }

    public byte[] key(String secret, String date, String region, String service) {
        Scope scope = new Scope(secret, date, region, service);
        byte[] cached = cache.get(scope);
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
        cache.put(scope, k);
        return k;
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
