package io.slipway.iam.user;

import io.slipway.core.Namespace;
import io.slipway.core.identity.IssuedKeys;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamFixture;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.KeyOwner;
import io.slipway.model.iam.AccessKey;
import io.slipway.model.iam.StatusType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Router's view of issued keys: cheap, at once right on this node, right on others within the cache's TTL. */
class IssuedKeyCacheTest {
    private static final Namespace NS = IamStore.namespace("123456789012");
    private final IamFixture iam = new IamFixture();

    @AfterEach
    void close() {
        iam.close();
    }

    @Test
    void aKeyActsAsItsUserInItsAccount() {
        iam.users.create(NS, "ci", "/build/", null, List.of());
        AccessKey key = iam.keys.create(NS, "ci");
        IssuedKeys.IssuedKey issued = iam.keyCache.find(key.accessKeyId()).orElseThrow();
        assertThat(issued.account()).isEqualTo("123456789012");
        assertThat(issued.principalArn()).isEqualTo("arn:aws:iam::123456789012:user/build/ci");
        assertThat(issued.userId()).startsWith("AIDA");
        assertThat(issued.secretAccessKey()).isEqualTo(key.secretAccessKey());
        assertThat(issued.sessionToken()).isEmpty();
    }

    @Test
    void changesOnThisNodeTakeEffectAtOnce() {
        iam.users.create(NS, "ci", null, null, List.of());
        String id = iam.keys.create(NS, "ci").accessKeyId();
        assertThat(iam.keyCache.find(id)).isPresent();
        iam.keys.update(NS, "ci", id, StatusType.INACTIVE);
        assertThat(iam.keyCache.find(id)).isEmpty();
        iam.keys.update(NS, "ci", id, StatusType.ACTIVE);
        assertThat(iam.keyCache.find(id)).isPresent();
        iam.keys.delete(NS, "ci", id);
        assertThat(iam.keyCache.find(id)).isEmpty();
    }

    @Test
    void anotherNodesChangeIsSeenOnceTheEntryExpires() {
        iam.users.create(NS, "ci", null, null, List.of());
        String id = iam.keys.create(NS, "ci").accessKeyId();
        assertThat(iam.keyCache.find(id)).isPresent();
        // another node deactivates the key: the shared store changes, this node's cache does not hear of it
        Versioned<KeyOwner> owner = iam.store.inTransaction(
                tx -> iam.store.get(tx, IamStore.KEY_OWNER, IamStore.KEY_INDEX_NAMESPACE, id)).orElseThrow();
        iam.store.inTransaction(tx -> {
            iam.store.replace(tx, IamStore.KEY_OWNER, IamStore.KEY_INDEX_NAMESPACE, id, owner,
                    owner.value().withStatus("Inactive"));
            return null;
        });
        assertThat(iam.keyCache.find(id)).isPresent();
        iam.clock.advance(IssuedKeyCache.TTL.plus(Duration.ofSeconds(1)));
        assertThat(iam.keyCache.find(id)).isEmpty();
    }

    @Test
    void onlyKeysOfTheFormIamIssuesAreLookedUp() {
        assertThat(IssuedKeyCache.issuedForm("AKIAABCDEFGHIJKLMNOP")).isTrue();
        assertThat(IssuedKeyCache.issuedForm("AKIDEXAMPLE")).isFalse();
        assertThat(IssuedKeyCache.issuedForm("ASIAABCDEFGHIJKLMNOP")).isFalse();
        assertThat(IssuedKeyCache.issuedForm("AKIAABCDEFGHIJKLMNO1")).isFalse();
        assertThat(IssuedKeyCache.issuedForm("test")).isFalse();
        assertThat(IssuedKeyCache.issuedForm(null)).isFalse();
        assertThat(iam.keyCache.find("AKIAAAAAAAAAAAAAAAAA")).isEmpty();
    }
}
