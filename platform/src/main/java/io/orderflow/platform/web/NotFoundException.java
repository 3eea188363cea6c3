package io.orderflow.platform.web;

/** Thrown by a query-side endpoint when the thing asked for does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
