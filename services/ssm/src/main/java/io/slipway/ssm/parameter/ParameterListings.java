package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Tx;
import io.slipway.model.ssm.DescribeParametersRequest;
import io.slipway.model.ssm.DescribeParametersResult;
import io.slipway.model.ssm.GetParametersByPathRequest;
import io.slipway.model.ssm.GetParametersByPathResult;
import io.slipway.model.ssm.Parameter;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.ParameterMetadata;
import io.slipway.ssm.store.SsmStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static io.slipway.model.ssm.SsmErrors.INVALID_NEXT_TOKEN;
import static io.slipway.model.ssm.SsmErrors.VALIDATION;

/**
 * GetParametersByPath and DescribeParameters: pages in key order. A path's parameters are read
 * from an index (one level: the parameters whose parent is the path; recursive: the index rows
 * of the path's depth), so a page costs its own size; filters are applied to what is read, and a
 * call reads at most {@link #SCAN_BUDGET} parameters, answering fewer than asked with a NextToken
 * when the filters let few through, as AWS does.
 */
public final class ParameterListings {
    public static final int PAGE = 10;
    static final int SCAN_BUDGET = 1_000;
    private static final int CHUNK = 50;
    private final SsmStore store;
    private final ParameterReads reads;

    public ParameterListings(SsmStore store, ParameterReads reads) {
        this.store = store;
        this.reads = reads;
    }

    public GetParametersByPathResult byPath(Namespace ns, GetParametersByPathRequest in) {
        String path = ParameterNames.checkedPath(in.path());
        boolean recursive = Boolean.TRUE.equals(in.recursive());
        boolean decrypt = Boolean.TRUE.equals(in.withDecryption());
        ParameterFilters filters = ParameterFilters.of(ParameterFilters.Operation.BY_PATH, in.parameterFilters());
        String list = "by-path|" + path + "|" + recursive;
        Optional<String> after = after(list, in.nextToken());
        int max = Objects.requireNonNullElse(in.maxResults(), PAGE);
        Scanned<Parameter> page = store.inTransaction(tx -> {
            Function<String, Optional<Parameter>> select = key -> store.get(tx, StoredParameter.TYPE, ns, key)
                    .flatMap(v -> filters.match(v.value()).map(version -> new ParameterReads.Selected(v.value(),
                            reads.version(tx, ns, key, v.value(), version), Optional.empty())))
                    .map(s -> ParameterReads.parameter(ns, s, decrypt));
            if (!recursive || path.equals("/")) {
                Optional<String> parent = recursive ? Optional.empty() : Optional.of(path);
                return scan(tx, StoredParameter.TYPE, ns, parent, after, max, k -> select.apply(k.id()));
            }
            int depth = ParameterNames.levels(path);
            if (depth >= ParameterNames.MAX_LEVELS) {
                return new Scanned<>(List.of(), null);
            }
            return scan(tx, Marker.under(depth), ns, Optional.of(path), after, max, k -> select.apply(k.id()));
        });
        return new GetParametersByPathResult(page.items(), page.token(list));
    }

    public DescribeParametersResult describe(Namespace ns, DescribeParametersRequest in) {
        boolean old = in.filters() != null && !in.filters().isEmpty();
        if (old && in.parameterFilters() != null && !in.parameterFilters().isEmpty()) {
            throw VALIDATION.exception("You can use either Filters or ParameterFilters in a single request.");
        }
        ParameterFilters filters = old ? ParameterFilters.ofOld(in.filters())
                : ParameterFilters.of(ParameterFilters.Operation.DESCRIBE, in.parameterFilters());
        String list = "describe";
        Optional<String> after = after(list, in.nextToken());
        if (Boolean.TRUE.equals(in.shared())) {
            return new DescribeParametersResult(List.of(), null); // no parameter is shared with an account here
        }
        int max = Objects.requireNonNullElse(in.maxResults(), PAGE);
        Scanned<ParameterMetadata> page = store.inTransaction(tx -> scan(tx, StoredParameter.TYPE, ns, Optional.empty(),
                after, max, k -> filters.match(k.value()).map(v -> metadata(ns, k.value().latest()))));
        return new DescribeParametersResult(page.items(), page.token(list));
    }

    private static ParameterMetadata metadata(Namespace ns, ParameterHistory p) {
        return new ParameterMetadata(p.name(), ParameterNames.arn(ns, p.name()), p.type(), p.keyId(),
                p.lastModifiedDate(), p.lastModifiedUser(), p.description(), p.allowedPattern(), p.version(), p.tier(),
                p.policies() == null ? List.of() : p.policies(), p.dataType());
    }

    private static Optional<String> after(String list, String token) {
        return Optional.ofNullable(token).map(t -> PageToken.decode(list, t)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("The specified token is not valid.")));
    }

    /** Items of one page and the key to go on after, when more may follow. */
    record Scanned<R>(List<R> items, String lastKey) {
        String token(String list) {
            return lastKey == null ? null : PageToken.encode(list, lastKey);
        }
    }

    private <T extends io.slipway.model.runtime.AwsStructure, R> Scanned<R> scan(
            Tx tx, DocumentType<T> type, Namespace ns, Optional<String> parent, Optional<String> after, int max,
            Function<DocumentStore.Keyed<T>, Optional<R>> select) {
        List<R> out = new ArrayList<>();
        Optional<String> from = after;
        int read = 0;
        while (true) {
            DocumentStore.Page<T> page = store.list(tx, type, ns, parent, from, CHUNK);
            List<DocumentStore.Keyed<T>> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                Optional<R> selected = select.apply(items.get(i));
                read++;
                if (selected.isPresent()) {
                    out.add(selected.get());
                    if (out.size() == max) {
                        boolean more = i < items.size() - 1 || page.nextAfterId().isPresent();
                        return new Scanned<>(out, more ? items.get(i).id() : null);
                    }
                }
            }
            if (page.nextAfterId().isEmpty()) {
                return new Scanned<>(out, null);
            }
            from = page.nextAfterId();
            if (read >= SCAN_BUDGET) {
                return new Scanned<>(out, from.get());
            }
        }
    }
}
