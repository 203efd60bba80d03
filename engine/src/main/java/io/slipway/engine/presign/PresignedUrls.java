package io.slipway.engine.presign;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Slipway's presigned URLs, for the pages AWS hands out as presigned S3 URLs (a function's code
 * package, a hook's stack payload), which clients fetch without signing. A URL carries the account,
 * region, an expiry and an HMAC-SHA256 over them and the resource it names, so a URL for one
 * account's resource cannot be turned into another's or outlive its expiry. The key is a random
 * secret kept in the store: it survives restarts and every node sharing the store has it. Times are
 * Slipway time, so {@code --time-scale} shortens a URL's life as it shortens every wait.
 */
public final class PresignedUrls {
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String EXPIRES = "expires";
    public static final String SIGNATURE = "signature";
    /** Not an AWS namespace, so nothing an account can name reaches it. */
    private static final ResourceKey SECRET = new ResourceKey("slipway", "slipway", "slipway.url-signing-key", "current");

    private final ResourceStore resources;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final AtomicReference<byte[]> secret = new AtomicReference<>();

    /**
     * @param ids where a new key's randomness comes from, as all of the engine's does: two random
     *            UUIDs (244 bits from a SecureRandom in production) hashed into 32 bytes
     */
    public PresignedUrls(ResourceStore resources, SlipwayClock clock, IdGenerator ids) {
        this.resources = resources;
        this.clock = clock;
        this.ids = ids;
    }

    /** Why a page fetched with a presigned URL is not served. */
    public enum Refusal {
        /** No signature, or one that does not match what it claims to sign. */
        INVALID,
        /** A valid signature past its expiry. */
        EXPIRED
    }

    /**
     * The query parameters that presign {@code resource} of {@code ns} for {@code validity}:
     * {@code account}, {@code region}, {@code expires} (epoch seconds), {@code signature}.
     */
    public String query(Namespace ns, String resource, Duration validity) {
        long expires = clock.now().plus(validity).getEpochSecond();
        return ACCOUNT + "=" + ns.account() + "&" + REGION + "=" + ns.region() + "&" + EXPIRES + "=" + expires + "&"
                + SIGNATURE + "=" + signature(ns, resource, expires);
    }

    /**
     * The namespace a presigned request for {@code resource} may read, or why it may read nothing.
     * {@code query} is the request's decoded query.
     */
    public Result check(Map<String, String> query, String resource) {
        String account = query.get(ACCOUNT);
        String region = query.get(REGION);
        String expires = query.get(EXPIRES);
        String given = query.get(SIGNATURE);
        if (account == null || region == null || expires == null || given == null || !expires.matches("\\d{1,12}")) {
            return new Result(Optional.empty(), Optional.of(Refusal.INVALID));
        }
        Namespace ns = new Namespace(account, region);
        long at = Long.parseLong(expires);
        if (!MessageDigest.isEqual(signature(ns, resource, at).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            return new Result(Optional.empty(), Optional.of(Refusal.INVALID));
        }
        if (clock.now().isAfter(Instant.ofEpochSecond(at))) {
            return new Result(Optional.empty(), Optional.of(Refusal.EXPIRED));
        }
        return new Result(Optional.of(ns), Optional.empty());
    }

    /** Either the namespace the URL was signed for, or why it is refused. */
    public record Result(Optional<Namespace> namespace, Optional<Refusal> refusal) {
    }

    private String signature(Namespace ns, String resource, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            // newlines cannot occur in an account, a region or an epoch second, so the fields cannot run together
            String signed = ns.account() + "\n" + ns.region() + "\n" + expires + "\n" + resource;
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored secret, made by the first node that needs one; a node that loses that race reads the winner's. */
    private byte[] secret() {
        byte[] known = secret.get();
        if (known != null) {
            return known;
        }
        byte[] loaded = resources.get(SECRET).map(r -> decode(r.doc())).orElseGet(() -> {
            byte[] fresh = sha256(ids.newId() + "\n" + ids.newId());
            try {
                resources.insert(SECRET, Optional.empty(), "{\"key\":\"" + Base64.getEncoder().encodeToString(fresh) + "\"}");
                return fresh;
            } catch (DuplicateKeyException another) {
                return decode(resources.get(SECRET).orElseThrow().doc());
            }
        });
        secret.compareAndSet(null, loaded);
        return secret.get();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String doc) {
        int start = doc.indexOf("\"key\":\"") + "\"key\":\"".length();
        return Base64.getDecoder().decode(doc.substring(start, doc.indexOf('"', start)));
    }
}
