package io.slipway.codedeploy.store;

import io.slipway.core.PageToken;

import java.util.List;
import java.util.Optional;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_NEXT_TOKEN;

/** One page of names, as CodeDeploy's List* operations answer, with the token for the next page. */
public record NamePage(List<String> names, String nextToken) {

    /** The key to continue after, from a client's token; a token of another list is InvalidNextTokenException. */
    public static Optional<String> after(String list, String nextToken) {
        if (nextToken == null) {
            return Optional.empty();
        }
        return Optional.of(PageToken.decode(list, nextToken)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("The next token is not valid")));
    }
}
