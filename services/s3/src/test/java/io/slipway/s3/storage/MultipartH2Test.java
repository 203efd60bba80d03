package io.slipway.s3.storage;

class MultipartH2Test extends MultipartContract {
    @Override
    String database() {
        return "h2";
    }
}
