package io.slipway.s3.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

abstract class ListingContract extends S3Fixture {
    static final Comparator<String> UTF8_BINARY = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void bucket() {
        s3.createBucket(ACCOUNT, REGION, "list");
    }

    @Test
    void theTestDatabasesCollateAsBytes() {
        assertThat(KeyOrder.collatesAsBytes(db.jdbc())).isTrue();
    }

    @Test
    void keysListInUtf8BinaryOrder() {
        List<String> keys = new ArrayList<>(List.of("a", "B", "b", "Z", "_", "a-b", "a/b", "a.b", "é", "z", "é/x",
                "\uD83D\uDE00", "日本", "A", "0", "~", " space"));
        keys.forEach(k -> put("list", k, k));
        keys.sort(UTF8_BINARY);
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, 1000).contents()).extracting(ObjectInfo::key)
                .containsExactlyElementsOf(keys);
        assertThat(pagesOf(null, null, null, 3)).containsExactlyElementsOf(keys);
    }

    @Test
    void prefixDelimiterAndCommonPrefixes() {
        for (String k : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "photosx", "readme", "docs/x", "docs/y/z")) {
            put("list", k, k);
        }
        ListResult root = s3.listObjectsV2(ACCOUNT, "list", null, "/", null, null, 1000);
        assertThat(root.contents()).extracting(ObjectInfo::key).containsExactly("photosx", "readme");
        assertThat(root.commonPrefixes()).containsExactly("docs/", "photos/");
        assertThat(root.keyCount()).isEqualTo(4);
        assertThat(root.truncated()).isFalse();

        ListResult photos = s3.listObjectsV2(ACCOUNT, "list", "photos/", "/", null, null, 1000);
        assertThat(photos.contents()).extracting(ObjectInfo::key).containsExactly("photos/top.jpg");
        assertThat(photos.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");

        ListResult prefixOnly = s3.listObjectsV2(ACCOUNT, "list", "photos", null, null, null, 1000);
        assertThat(prefixOnly.contents()).extracting(ObjectInfo::key).containsExactly("photos/2024/a.jpg",
                "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "photosx");

        ListResult exact = s3.listObjectsV2(ACCOUNT, "list", "readme", null, null, null, 1000);
        assertThat(exact.contents()).extracting(ObjectInfo::key).containsExactly("readme");

        // Pages of one: a common prefix counts as one entry and is never split across pages.
        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            ListResult page = s3.listObjectsV2(ACCOUNT, "list", null, "/", null, token, 1);
            assertThat(page.keyCount()).isEqualTo(1);
            page.contents().forEach(o -> entries.add(o.key()));
            entries.addAll(page.commonPrefixes());
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
        assertThat(entries).containsExactly("docs/", "photos/", "photosx", "readme");

        ListResult multiChar = s3.listObjectsV2(ACCOUNT, "list", "photos/", "/20", null, null, 1000);
        assertThat(multiChar.commonPrefixes()).isEmpty();
        ListResult byYear = s3.listObjectsV2(ACCOUNT, "list", "photos/", "4/", null, null, 1000);
        assertThat(byYear.commonPrefixes()).containsExactly("photos/2024/");
    }

    @Test
    void startAfterAndContinuation() {
        for (int i = 0; i < 10; i++) {
            put("list", "k" + i, "v");
        }
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, "k4", null, 1000).contents()).extracting(ObjectInfo::key)
                .containsExactly("k5", "k6", "k7", "k8", "k9");
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, "k45", null, 1000).contents()).extracting(ObjectInfo::key)
                .startsWith("k5");
        assertThat(s3.listObjectsV2(ACCOUNT, "list", "k", null, "a", null, 2).contents()).extracting(ObjectInfo::key)
                .containsExactly("k0", "k1");
        ListResult first = s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, 4);
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextContinuationToken()).isPresent();
        put("list", "k00", "inserted behind the cursor");
        ListResult second = s3.listObjectsV2(ACCOUNT, "list", null, null, "ignored-with-token", first.nextContinuationToken().get(), 4);
        assertThat(second.contents()).extracting(ObjectInfo::key).containsExactly("k4", "k5", "k6", "k7");
        ListResult last = s3.listObjectsV2(ACCOUNT, "list", null, null, null, second.nextContinuationToken().get(), 4);
        assertThat(last.contents()).extracting(ObjectInfo::key).containsExactly("k8", "k9");
        assertThat(last.truncated()).isFalse();
        assertThat(last.nextContinuationToken()).isEmpty();
        ListResult exactlyFull = s3.listObjectsV2(ACCOUNT, "list", "k9", null, null, null, 1);
        assertThat(exactlyFull.truncated()).isFalse();
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, 0).contents()).isEmpty();
        assertError(() -> s3.listObjectsV2(ACCOUNT, "list", null, null, null, "%%%", 10), "InvalidArgument");
        assertError(() -> s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, -1), "InvalidArgument");
        assertError(() -> s3.listObjectsV2(ACCOUNT, "nobucket", null, null, null, null, 10), "NoSuchBucket");
    }

    @Test
    void moreThanAThousandKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            keys.add(String.format("dir%d/key-%05d", i % 3, i));
        }
        keys.forEach(k -> put("list", k, ""));
        keys.sort(UTF8_BINARY);
        ListResult first = s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, 5000);
        assertThat(first.contents()).hasSize(1000);
        assertThat(first.truncated()).isTrue();
        ListResult rest = s3.listObjectsV2(ACCOUNT, "list", null, null, null, first.nextContinuationToken().get(), 1000);
        assertThat(rest.contents()).hasSize(234);
        assertThat(rest.truncated()).isFalse();
        List<String> all = new ArrayList<>(first.contents().stream().map(ObjectInfo::key).toList());
        rest.contents().forEach(o -> all.add(o.key()));
        assertThat(all).containsExactlyElementsOf(keys);
        assertThat(pagesOf(null, null, null, 97)).containsExactlyElementsOf(keys);
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, "/", null, null, 1000).commonPrefixes())
                .containsExactly("dir0/", "dir1/", "dir2/");
        assertThat(pagesOf("dir1/", null, "dir1/key-00600", 50))
                .containsExactlyElementsOf(keys.stream().filter(k -> k.startsWith("dir1/") && k.compareTo("dir1/key-00600") > 0).toList());
    }

    @Test
    void longPrefixesAndMarkers() {
        String dir = "d".repeat(1020) + "/";
        put("list", dir + "abc", "x");
        put("list", dir + "abd", "x");
        put("list", "e", "x");
        String tooLong = "d".repeat(1500);
        assertThat(s3.listObjectsV2(ACCOUNT, "list", tooLong, null, null, null, 10).contents()).isEmpty();
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, tooLong, null, 10).contents()).extracting(ObjectInfo::key)
                .containsExactly("e");
        assertThat(pagesOf(null, "/", null, 1)).containsExactly("e");
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, "/", null, null, 10).commonPrefixes()).containsExactly(dir);
        assertThat(s3.listObjectsV2(ACCOUNT, "list", dir, "c", null, null, 10).commonPrefixes()).containsExactly(dir + "abc");
        assertThat(s3.listObjectVersions(ACCOUNT, "list", null, "/", dir, null, 10).versions()).extracting(ObjectInfo::key)
                .containsExactly("e");
        assertThat(s3.listObjectVersions(ACCOUNT, "list", null, null, tooLong, "null", 10).versions()).extracting(ObjectInfo::key)
                .containsExactly("e");
    }

    @Test
    void deleteMarkersAreNotListedAsObjects() {
        s3.setVersioning(ACCOUNT, "list", "Enabled");
        put("list", "a", "1");
        put("list", "b", "2");
        put("list", "c", "3");
        s3.deleteObject(ACCOUNT, "list", "b", Optional.empty());
        assertThat(s3.listObjectsV2(ACCOUNT, "list", null, null, null, null, 1000).contents()).extracting(ObjectInfo::key)
                .containsExactly("a", "c");
        assertThat(pagesOf(null, null, null, 1)).containsExactly("a", "c");
    }

    @Test
    void versionListingPagesThroughKeysAndVersions() {
        s3.setVersioning(ACCOUNT, "list", "Enabled");
        List<String> expected = new ArrayList<>();
        for (String key : List.of("x", "y", "z")) {
            List<String> ids = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                ids.add(put("list", key, key + v).versionId());
            }
            ids.add(s3.deleteObject(ACCOUNT, "list", key, Optional.empty()).versionId().orElseThrow());
            for (String id : ids.reversed()) {
                expected.add(key + "@" + id);
            }
        }
        put("list", "dir/a", "in a dir");
        VersionListResult all = s3.listObjectVersions(ACCOUNT, "list", null, null, null, null, 1000);
        assertThat(all.versions()).hasSize(13);
        assertThat(all.versions().stream().filter(ObjectInfo::isLatest).map(ObjectInfo::key))
                .containsExactly("dir/a", "x", "y", "z");
        assertThat(all.deleteMarkers()).hasSize(3).allMatch(ObjectInfo::isLatest);
        assertThat(all.objectVersions()).hasSize(10);

        List<String> paged = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        boolean truncated;
        do {
            VersionListResult page = s3.listObjectVersions(ACCOUNT, "list", null, "/", keyMarker, versionMarker, 5);
            page.versions().forEach(v -> paged.add(v.key() + "@" + v.versionId()));
            prefixes.addAll(page.commonPrefixes());
            assertThat(page.versions().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(5);
            truncated = page.truncated();
            keyMarker = page.nextKeyMarker().orElse(null);
            versionMarker = page.nextVersionIdMarker().orElse(null);
        } while (truncated);
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(prefixes).containsExactly("dir/");
        assertError(() -> s3.listObjectVersions(ACCOUNT, "list", null, null, null, "null", 10), "InvalidArgument");
    }

    private List<String> pagesOf(String prefix, String delimiter, String startAfter, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListResult page = s3.listObjectsV2(ACCOUNT, "list", prefix, delimiter, startAfter, token, pageSize);
            assertThat(page.contents().size()).isLessThanOrEqualTo(pageSize);
            page.contents().forEach(o -> keys.add(o.key()));
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
        return keys;
    }
}
