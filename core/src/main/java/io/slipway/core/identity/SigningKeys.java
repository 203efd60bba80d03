package io.slipway.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys ({@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")}),
 * kept in a small least-recently-used map: a key is good for a whole day, so a busy caller costs
 * one HMAC per request instead of five.
 */
public final class SigningKeys {
    private record Scope(String secret, String date, String region, String service) {
    }

    private final Map<Scope, byte[]> cache;

    public SigningKeys(int capacity) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Scope, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    public byte[] key(String secret, String date, String region, String service) {
        Scope scope = new Scope(secret, date, region, service);
        synchronized (cache) {
            byte[] cached = cache.get(scope);
            if (cached != null) {
                return cached;
            }
        }
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, "aws4_request");
        synchronized (cache) {
            cache.put(scope, k);
        }
        return k;
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
