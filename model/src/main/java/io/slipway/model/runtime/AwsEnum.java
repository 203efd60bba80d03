package io.slipway.model.runtime;

/** A generated enum: its constants carry the exact wire value. */
public interface AwsEnum {
    String value();
}
