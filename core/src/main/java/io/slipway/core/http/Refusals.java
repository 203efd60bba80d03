package io.slipway.core.http;

/**
 * The answers the transport gives itself, in the protocol the request was meant for: a body over
 * the size limit, and a request it could not read ({@link HttpProblem}).
 */
public interface Refusals {

    HttpResponse tooLarge(HttpRequest request, long maxBytes);

    /**
     * @param request what arrived of the request: method, raw path and headers as far as they
     *                parsed (an empty method and "/" when the request line did not), no body
     */
    HttpResponse malformed(HttpRequest request, HttpProblem problem, String message);
}
