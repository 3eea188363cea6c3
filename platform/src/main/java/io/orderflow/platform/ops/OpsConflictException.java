package io.orderflow.platform.ops;

/** An ops request this processor or letter cannot do in its state (e.g. replay a saga): 409. */
public class OpsConflictException extends RuntimeException {

    public OpsConflictException(String message) {
        super(message);
    }
}
