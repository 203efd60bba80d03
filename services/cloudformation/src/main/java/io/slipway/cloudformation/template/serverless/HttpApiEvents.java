package io.slipway.cloudformation.template.serverless;

final class HttpApiEvents {
    private HttpApiEvents() {
    }

    static void httpApi(Event event, Expansion out) {
        throw event.invalid("HttpApi events are not supported yet.");
    }

    static void finish(Expansion out, java.util.Collection<String> templateResourceIds) {
    }
}
