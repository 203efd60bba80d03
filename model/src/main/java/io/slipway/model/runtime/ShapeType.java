package io.slipway.model.runtime;

/** The kinds of shape an AWS API definition uses. */
public enum ShapeType {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, BOOLEAN, DOUBLE, FLOAT, TIMESTAMP, BLOB, DOCUMENT,
    BYTE, SHORT, BIG_INTEGER, BIG_DECIMAL
}
