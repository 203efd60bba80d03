package io.slipway.codedeploy.revision;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.core.PageToken;
import io.slipway.model.codedeploy.ApplicationRevisionSortBy;
import io.slipway.model.codedeploy.GenericRevisionInfo;
import io.slipway.model.codedeploy.ListApplicationRevisionsInput;
import io.slipway.model.codedeploy.ListStateFilterAction;
import io.slipway.model.codedeploy.RevisionInfo;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.RevisionLocationType;
import io.slipway.model.codedeploy.SortOrder;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.slipway.model.codedeploy.CodeDeployErrors.BUCKET_NAME_FILTER_REQUIRED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_BUCKET_NAME_FILTER;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_KEY_PREFIX_FILTER;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_NEXT_TOKEN;

/**
 * One ListApplicationRevisions query: its filters, its order, and where its pages start. The
 * token carries the last revision's sort time and id, so a page continues after that point in the
 * order however the listing changed meanwhile.
 */
final class RevisionListing {
    static final int PAGE_SIZE = 100;
    /** S3's legacy (us-east-1) bucket names, the widest any bucket has: a filter outside them names no bucket. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{3,255}");
    private static final int MAX_KEY = 1024;

    /** A revision with its storage id, as the listing sorts it. */
    record Entry(String id, RevisionInfo info) {
    }

    private record Position(Instant time, String id) {
    }

    private final ListApplicationRevisionsInput in;
    private final String list;
    private final Comparator<Position> order;

    RevisionListing(String applicationId, ListApplicationRevisionsInput in) {
        this.in = in;
        if (in.s3KeyPrefix() != null && in.s3Bucket() == null) {
            throw BUCKET_NAME_FILTER_REQUIRED.exception("A key prefix filter needs a bucket name filter (s3Bucket)");
        }
        if (in.s3Bucket() != null && !BUCKET.matcher(in.s3Bucket()).matches()) {
            throw INVALID_BUCKET_NAME_FILTER.exception("The bucket name " + in.s3Bucket() + " is not valid");
        }
        if (in.s3KeyPrefix() != null && (in.s3KeyPrefix().isEmpty() || in.s3KeyPrefix().length() > MAX_KEY)) {
            throw INVALID_KEY_PREFIX_FILTER.exception("A key prefix filter must be 1 to " + MAX_KEY + " characters long");
        }
        ApplicationRevisionSortBy sortBy = in.sortBy() == null ? ApplicationRevisionSortBy.REGISTER_TIME : in.sortBy();
        boolean descending = in.sortOrder() == SortOrder.DESCENDING;
        this.list = "revisions/" + applicationId + "/" + sortBy.value() + "/" + (descending ? "descending" : "ascending");
        // never-deployed revisions have no use times: they sort as the earliest
        Comparator<Position> ascending = Comparator.comparing(Position::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Position::id);
        this.order = descending ? ascending.reversed() : ascending;
    }

    /** One page of the matching revisions' locations, from all of the application's revisions. */
    ApplicationRevisions.Page page(List<CodeDeployStore.Keyed<RevisionInfo>> all) {
        Optional<Position> after = NamePage.after(list, in.nextToken()).map(RevisionListing::position);
        List<Entry> sorted = all.stream().map(k -> new Entry(k.id(), k.value())).filter(this::matches)
                .filter(e -> after.isEmpty() || order.compare(position(e), after.get()) > 0)
                .sorted((a, b) -> order.compare(position(a), position(b))).toList();
        List<Entry> page = sorted.subList(0, Math.min(PAGE_SIZE, sorted.size()));
        String next = sorted.size() > PAGE_SIZE ? token(position(page.getLast())) : null;
        return new ApplicationRevisions.Page(page.stream().map(e -> e.info().revisionLocation()).toList(), next);
    }

    private boolean matches(Entry e) {
        GenericRevisionInfo g = e.info().genericRevisionInfo();
        boolean deployed = g.firstUsedTime() != null;
        if ((in.deployed() == ListStateFilterAction.INCLUDE && !deployed)
                || (in.deployed() == ListStateFilterAction.EXCLUDE && deployed)) {
            return false;
        }
        if (in.s3Bucket() == null) {
            return true;
        }
        RevisionLocation r = e.info().revisionLocation();
        return r.revisionType() == RevisionLocationType.S3 && r.s3Location().bucket().equals(in.s3Bucket())
                && (in.s3KeyPrefix() == null || r.s3Location().key().startsWith(in.s3KeyPrefix()));
    }

    private Position position(Entry e) {
        GenericRevisionInfo g = e.info().genericRevisionInfo();
        Instant time = switch (in.sortBy() == null ? ApplicationRevisionSortBy.REGISTER_TIME : in.sortBy()) {
            case REGISTER_TIME -> g.registerTime();
            case FIRST_USED_TIME -> g.firstUsedTime();
            case LAST_USED_TIME -> g.lastUsedTime();
        };
        return new Position(time, e.id());
    }

    private String token(Position p) {
        return PageToken.encode(list, (p.time() == null ? "-" : p.time().toString()) + " " + p.id());
    }

    private static Position position(String lastKey) {
        int space = lastKey.indexOf(' ');
        try {
            if (space > 0) {
                String time = lastKey.substring(0, space);
                return new Position(time.equals("-") ? null : Instant.parse(time), lastKey.substring(space + 1));
            }
        } catch (DateTimeParseException e) {
            // falls through: not a token this listing wrote
        }
        throw INVALID_NEXT_TOKEN.exception("The next token is not valid");
    }
}
