package io.slipway.s3.storage;

class VersioningH2Test extends VersioningContract {
    @Override
    String database() {
        return "h2";
    }
}
