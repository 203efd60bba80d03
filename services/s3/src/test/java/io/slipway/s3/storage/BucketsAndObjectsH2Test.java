package io.slipway.s3.storage;

class BucketsAndObjectsH2Test extends BucketsAndObjectsContract {
    @Override
    String database() {
        return "h2";
    }
}
