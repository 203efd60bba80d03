package io.slipway.engine.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. {@code nextAfterId} is present when more may follow; callers wrap it in
 * their own opaque token and pass it back as {@code afterIdExclusive}. Because the next page
 * starts strictly after an id, pages stay stable while others insert.
 */
public record ResourcePage(List<StoredResource> items, Optional<String> nextAfterId) {
}
