package io.slipway.s3.storage;

class VersioningPostgresTest extends VersioningContract {
    @Override
    String database() {
        return "postgres";
    }
}
