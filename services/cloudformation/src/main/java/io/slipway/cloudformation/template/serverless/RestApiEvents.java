package io.slipway.cloudformation.template.serverless;

final class RestApiEvents {
    private RestApiEvents() {
    }

    static void api(Event event, Expansion out) {
        throw event.invalid("Api events are not supported yet.");
    }

    static void finish(Expansion out) {
    }
}
