package io.slipway.engine.invoke;

import java.net.URI;
import java.util.Objects;

/** A function served over HTTP: the payload is POSTed as JSON and any 2xx answer is success. */
public record HttpTarget(URI url) implements FunctionTarget {

    public HttpTarget {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("not an http:// or https:// URL with a host: " + url);
        }
    }
}
