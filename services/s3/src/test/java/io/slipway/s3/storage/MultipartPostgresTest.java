package io.slipway.s3.storage;

class MultipartPostgresTest extends MultipartContract {
    @Override
    String database() {
        return "postgres";
    }
}
