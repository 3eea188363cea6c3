package io.orderflow.platform.ops;

/** An ops request named a processor, saga or dead letter this service does not have: 404. */
public class OpsNotFoundException extends RuntimeException {

    public OpsNotFoundException(String message) {
        super(message);
    }
}
