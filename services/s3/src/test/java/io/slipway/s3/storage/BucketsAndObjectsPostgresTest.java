package io.slipway.s3.storage;

class BucketsAndObjectsPostgresTest extends BucketsAndObjectsContract {
    @Override
    String database() {
        return "postgres";
    }
}
