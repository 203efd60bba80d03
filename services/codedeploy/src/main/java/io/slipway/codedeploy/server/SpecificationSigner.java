package io.slipway.codedeploy.server;

import io.slipway.core.codec.JsonCodec;
import io.slipway.core.pki.KeyAndCertificate;
import io.slipway.core.pki.SignedContent;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs deployment specifications as AWS's service does: {@code PKCS7/JSON}, a PEM
 * ({@code -----BEGIN PKCS7-----}) CMS SignedData holding the JSON and the signer's certificate.
 * The official agent verifies with OpenSSL's NOVERIFY flag, so the certificate need not chain to
 * AWS's signer CA: Slipway signs with a key and self-signed certificate of its own, made by the
 * first node that signs and kept in the store, so every node of a cluster signs alike and a
 * restart keeps it.
 */
public final class SpecificationSigner {
    public static final String FORMAT = "PKCS7/JSON";
    /** Not an AWS namespace, so nothing an account can name reaches it. */
    private static final ResourceKey SIGNER = new ResourceKey("slipway", "slipway", "slipway.specification-signer", "current");
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final ResourceStore resources;
    private volatile KeyAndCertificate signer;

    public SpecificationSigner(ResourceStore resources) {
        this.resources = resources;
    }

    /** The PEM text of a CMS SignedData with {@code json} attached. */
    public String sign(String json) {
        return SignedContent.pem(signer(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored signer, made by the first node that needs one; a node that loses that race reads the winner's. */
    KeyAndCertificate signer() {
        KeyAndCertificate known = signer;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (signer == null) {
                signer = resources.get(SIGNER).map(r -> read(r.doc())).orElseGet(() -> {
                    KeyAndCertificate fresh = KeyAndCertificate.selfSigned("Slipway deployment specification signer",
                            List.of(), VALIDITY);
                    try {
                        resources.insert(SIGNER, Optional.empty(), write(fresh));
                        return fresh;
                    } catch (DuplicateKeyException another) {
                        return read(resources.get(SIGNER).orElseThrow().doc());
                    }
                });
            }
            return signer;
        }
    }

    private static String write(KeyAndCertificate signer) {
        return JsonCodec.writeDocument(Map.of("certificate", signer.certificatePem(), "key", signer.keyPem()));
    }

    private static KeyAndCertificate read(String doc) {
        Map<?, ?> fields = (Map<?, ?>) JsonCodec.parseDocument(doc);
        return KeyAndCertificate.fromPem((String) fields.get("certificate"), (String) fields.get("key"));
    }
}
